// End-to-end: two daemons with different worker ids share the shards through the lease table; stopping one moves its leases to the other.
import { expect } from 'chai';
import { groupAlive } from '../../common/process/process-group';
import { checkpointReached, e2eGenerations, E2eHarness } from '../support/e2e-harness';
import type { KclLease } from '../../common/kcl-lease/kcl-lease';
import { E2eTraffic, expectExactlyOnce } from '../support/e2e-delivery';

for (const generation of e2eGenerations())
  describe(`e2e (KCL ${generation}): two workers share a stream and fail over`, function () {
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

    it('shares the stream (one shard per worker under KCL 2), hands every lease to the survivor after a SIGTERM, and delivers every record once', async () => {
      const h = harness as E2eHarness;
      const a = h.startDaemon('worker-a');
      const b = h.startDaemon('worker-b');
      await Promise.all([
        a.waitForLog(/Initialization complete/, 120_000),
        b.waitForLog(/Initialization complete/, 120_000),
      ]);
      // KCL 2 balances by lease count. KCL 3's leader balances by worker CPU and throughput, and on the stand-ins no worker
      // reports a CPU metric (the KCL reads it only on EC2, ECS and EKS) and idle shards have no throughput: one worker may hold both.
      const balanced = (ls: KclLease[]): boolean => generation === 3 || new Set(ls.map((l) => l.leaseOwner)).size === 2;
      const shared = await h.waitForLeases(
        (ls) => ls.length === 2 && ls.every((l) => l.leaseOwner !== null) && balanced(ls),
        90_000,
      );
      if (generation === 2) expect(shared.map((l) => l.leaseOwner).sort()).to.deep.equal(['worker-a', 'worker-b']);
      // The worker stopped below owns at least one lease, so a lease really moves.
      const [victim, survivor, survivorId] = shared.some((l) => l.leaseOwner === 'worker-a')
        ? [a, b, 'worker-b']
        : [b, a, 'worker-a'];

      traffic = await E2eTraffic.open(h, 'failover');
      const t = traffic;
      await t.send(400, 100);
      await t.waitForDelivery(120_000);

      const exit = await victim.stop(20_000);
      expect(exit.code, 'the stopped worker shut down gracefully').to.equal(143);
      expect(groupAlive(victim.pid)).to.equal(false);
      await t.send(400, 100);
      const last = t.lastSequenceByShard();
      const moved = await h.waitForLeases(
        (ls) =>
          ls.every((l) => l.leaseOwner === survivorId && checkpointReached(l.checkpoint, last.get(l.leaseKey) ?? '0')),
        120_000,
      );
      expect(moved.map((l) => l.leaseOwner)).to.deep.equal([survivorId, survivorId]);

      await survivor.stop(20_000);
      expectExactlyOnce(await t.reconcile(), 800);
    });
  });
