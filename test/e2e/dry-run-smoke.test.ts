// End-to-end smoke test: the real KCL daemon leases every shard and our consumer (SINKS=none) checkpoints what it read.
import { expect } from 'chai';
import { checkpointReached, E2eHarness } from '../support/e2e-harness';
import { groupMembers } from '../../common/process/process-group';

describe('e2e: KCL daemon with the dry-run consumer', function () {
  this.timeout(240_000);
  let harness: E2eHarness | undefined;

  before(async () => {
    harness = await E2eHarness.start({ shards: 2, sinks: 'none' });
  });
  after(async () => {
    await harness?.stop();
  });

  it('leases both shards to its worker and checkpoints up to the last record put, then shuts down without orphans', async () => {
    const h = harness as E2eHarness;
    const lastPut = await h.putRecords(300);
    const daemon = h.startDaemon('smoke-worker');
    await daemon.waitForLog(/Initialization complete/, 120_000);

    const leases = await h.waitForLeases(
      (ls) => ls.length === 2 && ls.every((l) => checkpointReached(l.checkpoint, lastPut.get(l.leaseKey) ?? '0')),
      120_000,
    );
    expect(leases.map((l) => l.leaseOwner)).to.deep.equal(['smoke-worker', 'smoke-worker']);
    expect(groupMembers(daemon.pid)).to.have.length(2);

    const exit = await daemon.stop(20_000);
    expect(exit.code).to.equal(143);
    expect(groupMembers(daemon.pid)).to.deep.equal([]);
  });
});
