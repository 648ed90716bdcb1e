// The worker image's steps run here: build-app.sh and stage-app.sh, then entrypoint.sh from the staged tree with the real daemon
// against the local stand-ins: it renders the properties from the environment, consumes, and on SIGTERM checkpoints before it exits.
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { expect } from 'chai';
import { PutRecordsCommand } from '@aws-sdk/client-kinesis';
import { localMetricsFile } from '../../common/metrics/local-metrics-store';
import { parseStoredPoint } from '../../common/metrics/stored-point';
import { KINESIS_METRIC, KINESIS_NAMESPACE } from '../../common/metrics/metric-names';
import { DEFAULT_JAVA_OPTIONS, jarsPresent } from '../../daemon/kcl-daemon';
import { REPO_ROOT } from '../../common/repo-root';
import { sleep } from '../../common/sleep';
import type { KclGeneration } from '../../daemon/kcl-generation';
import { groupAlive, killGroup } from '../../common/process/process-group';
import { readPropertiesFile } from '../../daemon/kcl-properties/properties-file';
import { checkpointReached, e2eGenerations, E2eHarness } from '../support/e2e-harness';

/** Links every top-level package of the production dependency tree (npm ls --omit=dev) into `<dir>/node_modules`. */
function linkProductionDependencies(dir: string): void {
  const listed = spawnSync('npm', ['ls', '--omit=dev', '--all', '--parseable'], { cwd: REPO_ROOT, encoding: 'utf8' });
  const root = path.join(REPO_ROOT, 'node_modules') + path.sep;
  const topLevel = new Set(
    listed.stdout
      .split('\n')
      .filter((line) => line.startsWith(root))
      .map((line) => {
        const [first, second] = line.slice(root.length).split(path.sep);
        return first?.startsWith('@') === true ? `${first}/${second}` : (first ?? '');
      })
      .filter((name) => name !== ''),
  );
  expect(topLevel.size, listed.stderr).to.be.greaterThan(20);
  expect(topLevel.has('typescript'), 'a devDependency in the production set').to.equal(false);
  for (const name of topLevel) {
    fs.mkdirSync(path.dirname(path.join(dir, 'node_modules', name)), { recursive: true });
    fs.symlinkSync(path.join(root, name), path.join(dir, 'node_modules', name));
  }
}

interface Run {
  readonly code: number | null;
  readonly stderr: string;
}

function runScript(script: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env): Run {
  const result = spawnSync('sh', [script, ...args], { cwd: REPO_ROOT, env, encoding: 'utf8', timeout: 300_000 });
  return { code: result.status, stderr: result.stderr };
}

/** Puts `count` small JSON records on the one shard; returns the last sequence number and the bytes put. */
async function put(h: E2eHarness, firstId: number, count: number): Promise<{ last: string; bytes: number }> {
  const records = Array.from({ length: count }, (_, i) => ({
    PartitionKey: `pk-${firstId + i}`,
    Data: Buffer.from(JSON.stringify({ record_id: `r${firstId + i}`, vin: 'WVWZZZ1JZXW000001', speed: 50 })),
  }));
  const out = await h.stack.factory
    .kinesis()
    .send(new PutRecordsCommand({ StreamName: h.streamName, Records: records }));
  if ((out.FailedRecordCount ?? 0) > 0) throw new Error(`${out.FailedRecordCount} records failed`);
  return {
    last: out.Records?.[count - 1]?.SequenceNumber ?? '',
    bytes: records.reduce((sum, r) => sum + r.Data.length, 0),
  };
}

/** Bytes the consumer says it received (GetRecords.Bytes in the local metrics store, written every 200 ms). */
function bytesReceived(metricsDir: string): number {
  const file = localMetricsFile(metricsDir, KINESIS_NAMESPACE);
  if (!fs.existsSync(file)) return 0;
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .map(parseStoredPoint)
    .filter((p) => p?.name === KINESIS_METRIC.getRecordsBytes)
    .reduce((sum, p) => sum + (p?.sum ?? 0), 0);
}

async function waitFor(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('e2e: the worker image entrypoint', function () {
  this.timeout(400_000);
  let staged = '';
  const harnesses: E2eHarness[] = [];
  let daemonPid: number | undefined;

  before(async function () {
    if (!e2eGenerations().every((generation) => jarsPresent(generation))) this.skip();
    const build = runScript('deploy/image/build-app.sh', []);
    expect(build.code, build.stderr).to.equal(0);
    staged = fs.mkdtempSync(path.join(os.tmpdir(), 'worker-image-'));
    const stage = runScript('deploy/image/stage-app.sh', [staged]);
    expect(stage.code, stage.stderr).to.equal(0);
    // The image runs `npm ci --omit=dev` in the staged tree; here the same set is linked from the repo's node_modules,
    // so a runtime import of a devDependency fails this test as it would fail the image.
    linkProductionDependencies(staged);
  });

  after(async () => {
    if (daemonPid !== undefined && groupAlive(daemonPid)) killGroup(daemonPid, 'SIGKILL');
    for (const h of harnesses) await h.stop();
    if (staged !== '') fs.rmSync(staged, { recursive: true, force: true });
  });

  async function harnessFor(generation: KclGeneration): Promise<E2eHarness> {
    const h = await E2eHarness.start({ shards: 1, sinks: 'none', generation });
    harnesses.push(h);
    return h;
  }

  function workerEnv(h: E2eHarness, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
    return {
      PATH: process.env.PATH,
      HOME: os.tmpdir(),
      AWS_ACCESS_KEY_ID: 'S3RVER',
      AWS_SECRET_ACCESS_KEY: 'S3RVER',
      AWS_REGION: h.stack.endpoints.region,
      AWS_ENDPOINT_URL_KINESIS: h.stack.endpoints.kinesis,
      AWS_ENDPOINT_URL_DYNAMODB: h.stack.endpoints.dynamodb,
      KINESIS_STREAM_NAME: h.streamName,
      KCL_APPLICATION_NAME: h.applicationName,
      KCL_WORKER_ID: 'image-worker',
      // The entrypoint runs the jars of this generation; the harness seeded the lease table for it.
      KCL_GENERATION: String(h.generation),
      KCL_METRICS_LEVEL: 'NONE',
      KCL_SHUTDOWN_GRACE_MILLIS: '15000',
      KCL_PROPERTIES_FILE: path.join(h.dir, 'worker', 'worker.properties'),
      KCL_PROPERTY_idleTimeBetweenReadsInMillis: '250',
      KCL_PROPERTY_failoverTimeMillis: '4000',
      JAVA_OPTS: DEFAULT_JAVA_OPTIONS.join(' '),
      LOG_DIR: path.join(h.dir, 'logs', 'consumer'),
      // Flush only by count: a delivery of 50 records is checkpointed while running, a later delivery of 20 only on shutdown.
      SINKS: 'none',
      BATCH_MAX_RECORDS: '50',
      BATCH_MAX_AGE_MS: '600000',
      // Local metrics tell the test what the consumer received (buffered records leave no other trace).
      METRICS_MODE: 'local',
      METRICS_DIR: path.join(h.dir, 'metrics'),
      METRICS_FLUSH_INTERVAL_MS: '200',
      ...extra,
    };
  }

  it('refuses to start, listing every problem, when the environment is incomplete', async () => {
    const h = await harnessFor(e2eGenerations()[0] ?? 3);
    const env = workerEnv(h, { KCL_RETRIEVAL_MODE: 'STREAMING' });
    delete env.KINESIS_STREAM_NAME;
    const run = runScript(path.join(staged, 'deploy/image/entrypoint.sh'), [], env);
    expect(run.code).to.equal(1);
    expect(run.stderr).to.include('KINESIS_STREAM_NAME').and.include('KCL_RETRIEVAL_MODE');
    expect(run.stderr).not.to.include('starting the MultiLangDaemon');
  });

  it('refuses to start when the validator finds an error in the rendered properties', async () => {
    const run = runScript(
      path.join(staged, 'deploy/image/entrypoint.sh'),
      [],
      workerEnv(await harnessFor(e2eGenerations()[0] ?? 3), { KCL_PROPERTY_failoverTimeMilis: '4000' }),
    );
    expect(run.code).to.equal(1);
    expect(run.stderr).to.include('unknown key').and.include('failoverTimeMillis');
  });

  for (const generation of e2eGenerations())
    it(`KCL ${generation}: renders the properties, consumes, and checkpoints the buffered tail on SIGTERM before the JVM exits`, async () => {
      const h = await harnessFor(generation);
      const first = await put(h, 0, 50);
      const logFile = path.join(h.dir, 'logs', 'entrypoint.log');
      fs.mkdirSync(path.dirname(logFile), { recursive: true });
      const out = fs.openSync(logFile, 'a');
      const child = spawn('sh', [path.join(staged, 'deploy/image/entrypoint.sh')], {
        cwd: os.tmpdir(),
        env: workerEnv(h),
        detached: true,
        stdio: ['ignore', out, out],
      });
      fs.closeSync(out);
      daemonPid = child.pid;
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

      const leases = await h.waitForLeases(
        (ls) => ls.length === 1 && checkpointReached(ls[0]?.checkpoint, first.last),
        180_000,
      );
      expect(leases[0]?.leaseOwner).to.equal('image-worker');
      const tail = await put(h, 50, 20);
      await waitFor(
        () => bytesReceived(path.join(h.dir, 'metrics')) >= first.bytes + tail.bytes,
        60_000,
        'the consumer to receive the last 20 records',
      );
      expect((await h.leases())[0]?.checkpoint, 'the last 20 records are buffered, not checkpointed').to.equal(
        first.last,
      );
      const rendered = readPropertiesFile(path.join(h.dir, 'worker', 'worker.properties'));
      expect(Object.fromEntries(rendered)).to.include({
        streamName: h.streamName,
        applicationName: h.applicationName,
        workerId: 'image-worker',
        regionName: 'us-east-1',
        retrievalMode: 'POLLING',
        kinesisEndpoint: h.stack.endpoints.kinesis,
        metricsLevel: 'NONE',
      });
      // After exec the shell's pid is the JVM's: this is the SIGTERM a task stop delivers through tini.
      process.kill(child.pid ?? -1, 'SIGTERM');
      const patience = new AbortController();
      const code = await Promise.race([exited, sleep(60_000, patience.signal).then(() => 'timeout' as const)]).finally(
        () => patience.abort(),
      );
      expect(code, fs.readFileSync(logFile, 'utf8').slice(-2000)).to.not.equal('timeout');
      const after = await h.leases();
      expect(after[0]?.checkpoint, 'checkpointed on shutdown').to.equal(tail.last);
      expect(fs.readFileSync(logFile, 'utf8')).to.include('starting the MultiLangDaemon');
      daemonPid = undefined;
    });
});
