// End-to-end: KPL-aggregated tweets on a 3-shard stream reach the S3 archive and PostgreSQL exactly once through the real daemon.
import { expect } from 'chai';
import { observeCheckpoints, DEFAULT_MONITOR_OPTIONS } from '../../operator/monitor/checkpoint-monitor';
import { checkpointReached, e2eGenerations, E2eHarness } from '../support/e2e-harness';
import { E2eTraffic, expectExactlyOnce } from '../support/e2e-delivery';

for (const generation of e2eGenerations())
  describe(`e2e (KCL ${generation}): aggregated records on three shards into both sinks`, function () {
    this.timeout(240_000);
    let harness: E2eHarness | undefined;
    let traffic: E2eTraffic | undefined;

    before(async () => {
      harness = await E2eHarness.start({ shards: 3, sinks: 'all', generation });
    });
    after(async () => {
      await traffic?.close().catch(() => undefined);
      await harness?.stop();
    });

    it('archives and loads every user record once, and the checkpoint monitor sees every shard owned and checkpointed', async () => {
      const h = harness as E2eHarness;
      traffic = await E2eTraffic.open(h, 'agg');
      const t = traffic;
      await t.send(1_500);
      const shardsUsed = new Set(t.records.map((r) => r.result.shardId));
      const aggregated = t.records.filter(
        (r) => r.result.subSequenceNumber !== undefined && r.result.subSequenceNumber > 0,
      ).length;
      expect(shardsUsed.size, 'records spread over every shard').to.equal(3);
      expect(aggregated, 'most records travelled inside aggregates').to.be.greaterThan(1_000);

      const daemon = h.startDaemon('agg-worker');
      await daemon.waitForLog(/Initialization complete/, 120_000);
      await t.send(300, 150);
      const last = t.lastSequenceByShard();
      await h.waitForLeases(
        (ls) => ls.length === 3 && ls.every((l) => checkpointReached(l.checkpoint, last.get(l.leaseKey) ?? '0')),
        150_000,
      );

      const { report } = await observeCheckpoints(
        { application: h.applicationName, streamName: h.streamName },
        { kinesis: h.stack.factory.kinesis(), doc: h.stack.factory.dynamodbDocument() },
        undefined,
        { ...DEFAULT_MONITOR_OPTIONS, failoverTimeMs: 4_000 },
      );
      expect(report.shards.map((s) => s.shardId).sort()).to.deep.equal([...last.keys()].sort());
      for (const shard of report.shards) {
        expect(shard.leaseOwner, shard.shardId).to.equal('agg-worker');
        expect(shard.checkpoint, shard.shardId).to.match(/^\d+$/);
        expect(shard.lag?.recordsBehind, shard.shardId).to.equal(0);
        expect(shard.throughputKBps === null, `${shard.shardId}: throughputKBps only in KCL 3 leases`).to.equal(
          generation === 2,
        );
      }
      if (generation === 3) {
        expect(report.coordinator?.leader, 'the only worker leads lease assignment').to.equal('agg-worker');
        expect(report.coordinator?.clientVersion).to.equal('CLIENT_VERSION_3X');
        expect(report.coordinator?.workers.map((w) => [w.workerId, w.leases])).to.deep.equal([['agg-worker', 3]]);
      } else {
        expect(report.coordinator, 'no KCL 3 tables').to.equal(undefined);
      }

      await daemon.stop(20_000);
      expectExactlyOnce(await t.reconcile(), 1_800);
    });
  });
