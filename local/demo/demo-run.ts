// One bounded demo run: fresh stream and run-scoped prefixes, stand-ins, the supervised real daemon, traced tweets, wait, reconcile, stop.
import * as fs from 'node:fs';
import { consumerEnv } from '../../consumer/config/consumer-settings';
import * as os from 'node:os';
import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import type { Logger } from '../../common/logger';
import { createProducer } from '../../producer';
import { FIXED_PORTS, freeStackPorts, startLocalStack, type StackPorts } from '../stand-ins/local-stack';
import { isPortOpen } from '../../common/process/service-process';
import { ensureStream, openShardsForSeeding } from '../stand-ins/stream-setup';
import { seedLeaseTable } from '../stand-ins/seed-lease-table';
import { kclVersion } from '../../daemon/kcl-generation';
import { createLocalTables, localSinkEnv, LOCAL_POSTS_TABLE } from '../wiring/local-sinks';
import { startDemoConsumer } from './demo-consumer';
import { ensureKinesisTls } from '../stand-ins/kinesis-tls';
import { sendTracedTweets, type TracedRecord } from '../trace/traced-producer';
import { countPostRows, readArchiveLines, readPostRows } from '../trace/delivery-reader';
import { reconcile, type Reconciliation } from '../trace/reconciliation';
import { measureFreshness, type FreshnessReport } from '../trace/freshness';
import { sleep } from '../../common/sleep';
import type { DemoArgs } from './demo-args';
import { BURST_ID_PREFIX, measureTimeToAlert, type TimeToAlert } from './time-to-alert';
import { payloadId } from '../trace/reconciliation';

export const DEMO_BUCKET = 'demo-archive';

export interface DemoOutcome {
  readonly runId: string;
  readonly streamName: string;
  readonly dir: string;
  readonly reconciliation: Reconciliation;
  /** Per-stage latency, cold start (first minute after the daemon started) and steady state apart. */
  readonly freshness: FreshnessReport;
  /** Archive objects written for the run (to check that low latency did not make objects tiny). */
  readonly archiveObjects: number;
  /** Why the run stopped before everything arrived (timeout, interrupt), or undefined. */
  readonly failure?: string;
  readonly elapsedMs: number;
  /** Alert reaction time over scripted bursts (absent with --bursts 0 or when delivery failed). */
  readonly timeToAlert?: TimeToAlert;
}

export interface DemoContext {
  readonly args: DemoArgs;
  readonly logger: Logger;
  readonly progress: (line: string) => void;
  /** Aborted on Ctrl-C. */
  readonly signal: AbortSignal;
  /** The run's folder (createRunFolder): stand-in data and logs. */
  readonly dir: string;
}

/** A fresh folder for one run; as root, PostgreSQL runs as `postgres`, which must be able to enter it (mkdtemp makes 0700). */
export function createRunFolder(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kinesis-demo-'));
  fs.chmodSync(dir, 0o711);
  return dir;
}

export async function choosePorts(): Promise<StackPorts> {
  for (const port of Object.values(FIXED_PORTS)) if (await isPortOpen(port)) return freeStackPorts();
  return FIXED_PORTS;
}

export async function runDemo({ args, logger, progress, signal, dir }: DemoContext): Promise<DemoOutcome> {
  const started = Date.now();
  const deadline = started + args.timeoutSeconds * 1_000;
  const runId = `demo${started.toString(36)}${randomBytes(2).toString('hex')}`;
  const streamName = `${runId}-stream`;
  const stop = new AbortController();
  const timer = setTimeout(
    () => stop.abort(new Error(`timed out after ${args.timeoutSeconds} s`)),
    Math.max(0, deadline - Date.now()),
  );
  signal.addEventListener('abort', () => stop.abort(new Error('interrupted')), { once: true });
  const failure = (): string | undefined =>
    stop.signal.aborted ? String((stop.signal.reason as Error).message) : undefined;

  const ports = await choosePorts();
  progress(
    `run ${runId}: starting stand-ins (kinesis ${ports.kinesis}, dynamodb ${ports.dynamodb}, s3 ${ports.s3}, postgres ${ports.postgres}) in ${dir}`,
  );
  const tls = args.retrieval === 'fanout' ? await ensureKinesisTls(path.join(dir, 'tls')) : undefined;
  const stack = await startLocalStack({
    dir,
    ports,
    sinks: true,
    buckets: [DEMO_BUCKET],
    persist: false,
    ...(tls === undefined ? {} : { kinesisTls: tls }),
  });
  let produced: TracedRecord[] = [];
  let reconciliation: Reconciliation | undefined;
  let freshness: FreshnessReport | undefined;
  let pipelineStartedAtMs = Date.now();
  let archiveObjects = 0;
  let timeToAlert: TimeToAlert | undefined;
  // Burst posts of the time-to-alert phase are not part of the traced run.
  const tracedLines = async (): Promise<Awaited<ReturnType<typeof readArchiveLines>>> =>
    (await readArchiveLines(stack.factory.s3(), DEMO_BUCKET, `${runId}/raw/`)).filter(
      (l) => !(payloadId(l.line) ?? '').startsWith(BURST_ID_PREFIX),
    );
  try {
    const kinesis = stack.factory.kinesis();
    const postgresUrl = stack.endpoints.postgresUrl ?? '';
    const applicationName = `${runId}-app`;
    await ensureStream(kinesis, streamName, args.shards);
    await seedLeaseTable(
      stack.factory.dynamodb(),
      applicationName,
      await openShardsForSeeding(kinesis, streamName),
      args.kcl,
    );
    await createLocalTables(postgresUrl);
    const env = {
      ...localSinkEnv(DEMO_BUCKET, postgresUrl),
      ...consumerEnv({
        archivePrefix: `${runId}/raw`,
        archiveStatePrefix: `${runId}/state`,
        archiveErrorPrefix: `${runId}/errors`,
      }),
    };
    progress(
      args.consumer === 'lambda'
        ? `stream ${streamName} (${args.shards} shards); starting the Lambda consumer behind a local event source mapping...`
        : `stream ${streamName} (${args.shards} shards); starting the KCL ${kclVersion(args.kcl)} MultiLangDaemon (${args.retrieval === 'fanout' ? 'enhanced fan-out' : 'polling'})...`,
    );
    pipelineStartedAtMs = Date.now();
    const supervisor = await startDemoConsumer({
      mode: args.consumer,
      daemon: {
        endpoints: stack.endpoints,
        streamName,
        applicationName,
        workerId: 'demo-worker',
        dir,
        sinks: 'all',
        env,
        generation: args.kcl,
        retrieval: args.retrieval,
        ...(tls === undefined ? {} : { tls }),
      },
      kinesis,
      logger,
      readyTimeoutMs: Math.max(1_000, deadline - Date.now()),
    });
    try {
      const rows = (): Promise<number> => countPostRows(postgresUrl, LOCAL_POSTS_TABLE, `${runId}-`);
      let accepted = 0;
      const ticker = setInterval(() => {
        void rows()
          .then((n) =>
            progress(
              `produced ${accepted}/${args.records} | loaded ${n} | ${supervisor.describe()} | ${((Date.now() - started) / 1000).toFixed(0)} s`,
            ),
          )
          .catch(() => undefined);
      }, 2_000);
      try {
        const producer = await createProducer({ streamName, kinesis, logger: logger.child({ component: 'producer' }) });
        const sent = await sendTracedTweets(producer, {
          count: args.records,
          runId,
          ratePerSecond: args.rate,
          signal: stop.signal,
          onAccepted: () => {
            accepted += 1;
          },
        });
        await producer.close();
        produced = sent.accepted;
        if (sent.failed > 0) progress(`${sent.failed} records were not accepted by Kinesis (not counted as produced)`);
        progress(`produced ${produced.length}; waiting until every record is archived and loaded...`);
        while (!stop.signal.aborted) {
          if ((await rows()) >= produced.length) {
            const r = reconcile(
              produced,
              await tracedLines(),
              await readPostRows(postgresUrl, LOCAL_POSTS_TABLE, `${runId}-`),
            );
            if (r.missing === 0) break;
          }
          await sleep(500);
        }
        if (args.bursts > 0 && !stop.signal.aborted) {
          progress(
            `every record delivered; measuring time to alert over ${args.bursts} scripted negative bursts (the real alerter, polling every second)...`,
          );
          const burstProducer = await createProducer({
            streamName,
            kinesis,
            logger: logger.child({ component: 'burst-producer' }),
          });
          try {
            timeToAlert = await measureTimeToAlert({
              producer: burstProducer,
              runId,
              postgresUrl,
              postsTable: LOCAL_POSTS_TABLE,
              dir,
              bursts: args.bursts,
              logger,
              progress,
              signal: stop.signal,
              quietSinceMs: Math.max(0, ...produced.map((r) => r.producedAtMs)),
            });
          } finally {
            await burstProducer.close();
          }
        }
      } finally {
        clearInterval(ticker);
      }
    } finally {
      progress(
        `stopping: ${args.consumer === 'lambda' ? 'event source and handler' : 'daemon (processors checkpoint)'}, then stand-ins...`,
      );
      await supervisor.stop();
    }
    // Read after the daemon stopped, so anything its shutdown wrote is counted too.
    const lines = await tracedLines();
    const postRows = await readPostRows(postgresUrl, LOCAL_POSTS_TABLE, `${runId}-`);
    reconciliation = reconcile(produced, lines, postRows);
    freshness = measureFreshness(produced, lines, postRows, { pipelineStartedAtMs });
    archiveObjects = new Set(lines.map((line) => line.key)).size;
  } finally {
    clearTimeout(timer);
    await stack.stop();
  }
  const reason = failure();
  return {
    runId,
    streamName,
    dir,
    reconciliation,
    freshness,
    archiveObjects,
    elapsedMs: Date.now() - started,
    ...(reason === undefined ? {} : { failure: reason }),
    ...(timeToAlert === undefined ? {} : { timeToAlert }),
  };
}
