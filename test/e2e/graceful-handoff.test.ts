// End-to-end (KCL 3): a lease handed from one live worker to another; the old owner flushes and checkpoints in shutdownRequested, so the new owner replays nothing.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { expect } from 'chai';
import { UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { until } from '../support/wait-until';
import { consumerEnv } from '../../consumer/config/consumer-settings';
import type { KclDaemon } from '../../daemon/kcl-daemon';
import { checkpointReached, e2eGenerations, E2eHarness } from '../support/e2e-harness';

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

/**
 * The sequence numbers of the records a worker's processors made durable: the dry-run sink logs each batch's first and
 * last; records were put one per Kinesis record on one shard, so a batch is every put sequence number in between.
 */
function accepted(dir: string, putOrder: readonly string[]): string[] {
  return consumerLog(dir)
    .filter((e) => e.message === 'dry run: batch accepted')
    .flatMap((e) => {
      const from = putOrder.indexOf(String(e.first));
      const to = putOrder.indexOf(String(e.last));
      return from < 0 || to < 0 ? [String(e.first), String(e.last)] : putOrder.slice(from, to + 1);
    });
}

(e2eGenerations().includes(3) ? describe : describe.skip)('e2e: graceful lease hand-off under KCL 3', function () {
  this.timeout(300_000);
  let harness: E2eHarness | undefined;

  // Batches of 100 and no age-based flush: whatever the old owner holds past the last full batch is only made durable
  // (and checkpointed) by its shutdownRequested; without that, the new owner would get those records again.
  before(async () => {
    harness = await E2eHarness.start({
      shards: 1,
      sinks: 'none',
      generation: 3,
      consumerSettings: { batchMaxRecords: 100, batchMaxAgeMs: 3_600_000 },
    });
  });
  after(async () => {
    await harness?.stop();
  });

  it("moves the lease to the other worker, which starts at the old owner's last record: zero records replayed", async () => {
    const h = harness as E2eHarness;
    const logsA = path.join(h.dir, 'consumer-a');
    const logsB = path.join(h.dir, 'consumer-b');
    const withLogs = (workerId: string, dir: string): KclDaemon =>
      h.startDaemon(workerId, {
        env: { ...h.daemonOptions(workerId).env, ...consumerEnv({ logDir: dir, logLevel: 'debug' }) },
      });
    const a = withLogs('worker-a', logsA);
    await h.waitForLeases((ls) => ls[0]?.leaseOwner === 'worker-a', 120_000);
    // 150 records: one batch (>= 100) flushed and checkpointed. Then 50 that stay in the first owner's buffer.
    const firstPut = [...(await h.putRecords(150)).values()][0] ?? '';
    await h.waitForLeases((ls) => checkpointReached(ls[0]?.checkpoint, firstPut), 120_000);
    const lastPut = [...(await h.putRecords(50, 150)).values()][0] ?? '';
    // The 50 reach the first owner's buffer (its debug log names the last record received), and stay there.
    await until(
      () => consumerLog(logsA).some((e) => e.message === 'records received' && e.last === lastPut),
      120_000,
      'the last 50 records to reach worker-a',
    );
    expect(accepted(logsA, h.putSequences).length, 'only the first batch is durable before the hand-off').to.equal(150);

    const b = withLogs('worker-b', logsB);
    await b.waitForLog(/Initialization complete/, 120_000);
    const lease = (await h.leases())[0];
    // The write the KCL 3 leader makes to hand a lease over (DynamoDBLeaseRefresher.initiateGracefulLeaseHandoff):
    // new leaseOwner, the old one as checkpointOwner, leaseCounter unchanged. Conditional: a no-op if the leader moved it already.
    await h.stack.factory
      .dynamodb()
      .send(
        new UpdateItemCommand({
          TableName: h.applicationName,
          Key: { leaseKey: { S: lease?.leaseKey ?? '' } },
          UpdateExpression: 'SET leaseOwner = :new, checkpointOwner = :old',
          ConditionExpression: 'leaseOwner = :old AND attribute_not_exists(checkpointOwner)',
          ExpressionAttributeValues: { ':new': { S: 'worker-b' }, ':old': { S: 'worker-a' } },
        }),
      )
      .catch((error: unknown) => {
        if (!(error instanceof Error && error.name === 'ConditionalCheckFailedException')) throw error;
      });

    const moved = await h.waitForLeases(
      (ls) => ls[0]?.leaseOwner === 'worker-b' && ls[0]?.checkpointOwner === null,
      120_000,
    );
    expect(moved[0]?.checkpoint, 'the old owner checkpointed its last record before letting go').to.equal(lastPut);
    expect(accepted(logsA, h.putSequences).length, 'the held 50 were made durable in shutdownRequested').to.equal(200);

    await h.putRecords(100, 200);
    await until(() => accepted(logsB, h.putSequences).length >= 100, 120_000, 'the new owner to accept 100 records');
    const replayed = accepted(logsB, h.putSequences).filter((seq) => accepted(logsA, h.putSequences).includes(seq));
    expect(replayed, 'records the new owner received again').to.deep.equal([]);
    expect(accepted(logsB, h.putSequences).length, 'the new owner got the 100 new records').to.equal(100);
    expect(a.pid).to.not.equal(b.pid);
  });
});
