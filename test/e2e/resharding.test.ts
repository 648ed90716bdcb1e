// End-to-end: UpdateShardCount 2 -> 4 while producing; parents finish (SHARD_END) before their children load anything; nothing lost or duplicated.
import { expect } from 'chai';
import { UpdateShardCountCommand } from '@aws-sdk/client-kinesis';
import { readPostRows } from '../../local/trace/delivery-reader';
import { LOCAL_POSTS_TABLE } from '../../local/wiring/local-sinks';
import { waitForActive } from '../../local/stand-ins/stream-setup';
import { listAllShards } from '../../common/aws/list-all-shards';
import { until } from '../support/wait-until';
import { e2eGenerations, E2eHarness } from '../support/e2e-harness';
import { E2eTraffic, expectExactlyOnce } from '../support/e2e-delivery';
import { rangeFromLease } from '../../consumer/reshard/shard-range-lookup';

for (const generation of e2eGenerations())
  describe(`e2e (KCL ${generation}): resharding 2 -> 4 while consuming`, function () {
    this.timeout(300_000);
    let harness: E2eHarness | undefined;
    let traffic: E2eTraffic | undefined;

    before(async () => {
      harness = await E2eHarness.start({ shards: 2, sinks: 'all', generation });
    });
    after(async () => {
      await traffic?.close().catch(() => undefined);
      await harness?.stop();
    });

    it('finishes both parents before their children and delivers every record once', async () => {
      const h = harness as E2eHarness;
      const kinesis = h.stack.factory.kinesis();
      traffic = await E2eTraffic.open(h, 'reshard');
      const t = traffic;
      const daemon = h.startDaemon('reshard-worker');
      await daemon.waitForLog(/Initialization complete/, 120_000);

      const sending = t.send(1_200, 100);
      // Reshard while traffic flows: once some of it is loaded (so both parents carry records before the split).
      await until(async () => (await t.rowCount()) >= 100, 120_000, 'the first records to be loaded');
      await kinesis.send(
        new UpdateShardCountCommand({ StreamName: h.streamName, TargetShardCount: 4, ScalingType: 'UNIFORM_SCALING' }),
      );
      await waitForActive(kinesis, h.streamName);
      await sending;
      await t.send(200, 100);
      await t.waitForDelivery(180_000);

      const shards = await listAllShards(kinesis, h.streamName);
      const parents = shards
        .filter((s) => s.SequenceNumberRange?.EndingSequenceNumber !== undefined)
        .map((s) => s.ShardId ?? '');
      const children = shards.filter((s) => s.ParentShardId !== undefined);
      expect(parents, 'two closed parents').to.have.length(2);
      expect(
        shards.filter((s) => s.SequenceNumberRange?.EndingSequenceNumber === undefined),
        'four open children',
      ).to.have.length(4);
      const leases = await h.waitForLeases(
        (ls) => parents.every((p) => ls.find((l) => l.leaseKey === p)?.checkpoint === 'SHARD_END'),
        60_000,
      );
      expect(
        leases
          .filter((l) => l.parentShardIds.length > 0)
          .map((l) => l.leaseKey)
          .sort(),
      ).to.deep.equal(children.map((c) => c.ShardId).sort());
      // The consumer's shard-range guard reads these: KCL 2.7.2 writes each child lease's hash range when it creates the lease.
      const source = {
        dynamodb: h.stack.factory.dynamodb(),
        kinesis,
        leaseTable: h.applicationName,
        streamName: h.streamName,
      };
      for (const child of children) {
        const range = await rangeFromLease(source, child.ShardId ?? '');
        expect(range, `${child.ShardId} lease carries its hash range`).to.deep.equal({
          startingHashKey: BigInt(child.HashKeyRange?.StartingHashKey ?? '-1'),
          endingHashKey: BigInt(child.HashKeyRange?.EndingHashKey ?? '-1'),
        });
      }

      const rows = await readPostRows(h.stack.endpoints.postgresUrl ?? '', LOCAL_POSTS_TABLE, `${t.runId}-`);
      const loadTimes = (shardId: string): number[] =>
        rows.filter((r) => r.shardId === shardId).map((r) => r.loadedAtMs);
      let childrenWithRows = 0;
      for (const child of children) {
        const childTimes = loadTimes(child.ShardId ?? '');
        if (childTimes.length === 0) continue;
        childrenWithRows += 1;
        for (const parent of [child.ParentShardId, child.AdjacentParentShardId].filter(
          (p): p is string => p !== undefined,
        )) {
          const parentTimes = loadTimes(parent);
          expect(parentTimes.length, `${parent} carried records before the reshard`).to.be.greaterThan(0);
          expect(
            Math.min(...childTimes),
            `${child.ShardId} loaded only after its parent ${parent} finished`,
          ).to.be.at.least(Math.max(...parentTimes));
        }
      }
      expect(childrenWithRows, 'records reached the children after the reshard').to.equal(4);

      await daemon.stop(20_000);
      expectExactlyOnce(await t.reconcile(), 1_400);
    });
  });
