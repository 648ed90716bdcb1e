// End-to-end: two daemons with different worker ids share the shards through the lease table; stopping one moves its leases to the other.
import { expect } from 'chai';
import { groupAlive } from '../../local/process-group';
import { checkpointReached, E2eHarness } from '../support/e2e-harness';
import { E2eTraffic, expectExactlyOnce } from '../support/e2e-delivery';

describe('e2e: two workers share a stream and fail over', function () {
  this.timeout(300_000);
  let harness: E2eHarness | undefined;
  let traffic: E2eTraffic | undefined;

  before(async () => { harness = await E2eHarness.start({ shards: 2, sinks: 'all' }); });
  after(async () => { await traffic?.close().catch(() => undefined); await harness?.stop(); });

  it('balances one shard per worker, hands both to the survivor after a SIGTERM, and delivers every record once', async () => {
    const h = harness as E2eHarness;
    const a = h.startDaemon('worker-a');
    const b = h.startDaemon('worker-b');
    await Promise.all([a.waitForLog(/Initialization complete/, 120_000), b.waitForLog(/Initialization complete/, 120_000)]);
    const shared = await h.waitForLeases((ls) => ls.length === 2 && new Set(ls.map((l) => l.leaseOwner)).size === 2 && ls.every((l) => l.leaseOwner !== undefined), 90_000);
    expect(shared.map((l) => l.leaseOwner).sort()).to.deep.equal(['worker-a', 'worker-b']);

    traffic = await E2eTraffic.open(h, 'failover');
    const t = traffic;
    await t.send(400, 100);
    await t.waitForDelivery(120_000);

    const exit = await a.stop(20_000);
    expect(exit.code, 'worker-a shut down gracefully').to.equal(143);
    expect(groupAlive(a.pid)).to.equal(false);
    await t.send(400, 100);
    const last = t.lastSequenceByShard();
    const moved = await h.waitForLeases((ls) => ls.every((l) => l.leaseOwner === 'worker-b' && checkpointReached(l.checkpoint, last.get(l.leaseKey) ?? '0')), 120_000);
    expect(moved.map((l) => l.leaseOwner)).to.deep.equal(['worker-b', 'worker-b']);

    await b.stop(20_000);
    expectExactlyOnce(await t.reconcile(), 800);
  });
});
