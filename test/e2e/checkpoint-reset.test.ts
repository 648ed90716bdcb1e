// End-to-end: a stopped consumer's checkpoints reset to a time (npm run checkpoints -- reset); the real KCL daemon then reads every record at or after it again, none before.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { expect } from 'chai';
import { NullLogger } from '../../common/logger';
import { consumerEnv } from '../../consumer/config/consumer-settings';
import type { KclDaemon } from '../../daemon/kcl-daemon';
import { CHECKPOINTS_EXIT, runCheckpointsCli } from '../../operator/checkpoints/checkpoints-cli';
import { checkpointReached, e2eGenerations, E2eHarness } from '../support/e2e-harness';
import { until } from '../support/wait-until';

/** Every JSON log entry of the consumer children that wrote into `dir`. */
function consumerLog(dir: string): Array<Record<string, unknown>> {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).flatMap((file) =>
    fs
      .readFileSync(path.join(dir, file), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, unknown>),
  );
}

/** The sequence numbers the dry-run sink accepted (one shard, one user record per Kinesis record: put order is stream order). */
function accepted(dir: string, putOrder: readonly string[]): string[] {
  return consumerLog(dir)
    .filter((e) => e.message === 'dry run: batch accepted')
    .flatMap((e) => {
      const from = putOrder.indexOf(String(e.first));
      const to = putOrder.indexOf(String(e.last));
      return from < 0 || to < 0 ? [String(e.first), String(e.last)] : putOrder.slice(from, to + 1);
    });
}

for (const generation of e2eGenerations())
  describe(`e2e: checkpoints reset --at on a stopped consumer (KCL ${generation})`, function () {
    this.timeout(300_000);
    let harness: E2eHarness | undefined;

    before(async () => {
      harness = await E2eHarness.start({ shards: 1, sinks: 'none', generation });
    });
    after(async () => {
      await harness?.stop();
    });

    async function reset(argv: string[]): Promise<{ code: number; out: string; err: string }> {
      const h = harness as E2eHarness;
      const out: string[] = [];
      const err: string[] = [];
      const code = await runCheckpointsCli(argv, {
        env: {},
        print: (text) => out.push(text),
        printError: (text) => err.push(text),
        logger: new NullLogger(),
        clientFactory: () => h.stack.factory,
      });
      return { code, out: out.join('\n'), err: err.join('\n') };
    }

    it('refuses while the worker runs; once stopped, resumes at the first record at the time: every later record read again, none before', async () => {
      const h = harness as E2eHarness;
      const withLogs = (workerId: string, dir: string): KclDaemon =>
        h.startDaemon(workerId, { env: { ...h.daemonOptions(workerId).env, ...consumerEnv({ logDir: dir }) } });
      await h.putRecords(120);
      const older = [...h.putSequences];
      const at = Date.now() + 1;
      await until(() => Date.now() > at + 1, 1_000, 'the clock to pass the reset time', 1);
      const lastPut = [...(await h.putRecords(80, 120)).values()][0] ?? '';
      const newer = h.putSequences.slice(older.length);

      // The first run reads everything and checkpoints the last record. While it runs, reset refuses (the real
      // worker renews its lease within the failover time); then the consumer is stopped and reset goes ahead.
      const first = withLogs('worker-1', path.join(h.dir, 'consumer-1'));
      await h.waitForLeases((ls) => checkpointReached(ls[0]?.checkpoint, lastPut), 120_000);
      const resetArgs = [
        'reset',
        '--app',
        h.applicationName,
        '--stream',
        h.streamName,
        '--at',
        new Date(at).toISOString(),
        '--observe-ms',
        '4000',
        '--json',
      ];
      const refused = await reset(resetArgs);
      expect(refused.code, refused.err).to.equal(CHECKPOINTS_EXIT.refused);
      expect((JSON.parse(refused.out) as { live: { owner: string }[] }).live.map((l) => l.owner)).to.deep.equal([
        'worker-1',
      ]);
      await first.stop(20_000);
      expect(accepted(path.join(h.dir, 'consumer-1'), h.putSequences)).to.deep.equal(h.putSequences);

      const done = await reset(resetArgs);
      expect(done.code, done.err).to.equal(CHECKPOINTS_EXIT.ok);
      expect((JSON.parse(done.out) as { leases: { to: { checkpoint: string } }[] }).leases[0]?.to.checkpoint).to.equal(
        newer[0],
      );

      const second = withLogs('worker-2', path.join(h.dir, 'consumer-2'));
      await until(
        () => accepted(path.join(h.dir, 'consumer-2'), h.putSequences).includes(lastPut),
        120_000,
        'the restarted consumer to reach the last record',
      );
      await h.waitForLeases((ls) => checkpointReached(ls[0]?.checkpoint, lastPut), 120_000);
      await second.stop(20_000);
      expect(accepted(path.join(h.dir, 'consumer-2'), h.putSequences)).to.deep.equal(newer);
    });
  });
