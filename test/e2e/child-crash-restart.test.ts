// End-to-end: a consumer child killed with SIGKILL makes the real daemon exit; the supervisor restarts it and checkpoints resume.
import { expect } from 'chai';
import { NullLogger } from '../../common/logger';
import { superviseDaemon } from '../../local/supervised-daemon';
import { groupMembers } from '../../local/process-group';
import type { Supervisor } from '../../local/supervisor';
import { checkpointReached, E2E_PROPERTIES, E2eHarness } from '../support/e2e-harness';

describe('e2e: consumer child crash under the supervisor', function () {
  this.timeout(300_000);
  let harness: E2eHarness | undefined;
  let supervisor: Supervisor | undefined;

  before(async () => { harness = await E2eHarness.start({ shards: 2, sinks: 'none' }); });
  after(async () => { await supervisor?.stop(); await harness?.stop(); });

  it('restarts the daemon after a child is SIGKILLed and checkpoints every shard past records put afterwards', async () => {
    const h = harness as E2eHarness;
    supervisor = await superviseDaemon({
      daemon: { endpoints: h.stack.endpoints, streamName: h.streamName, applicationName: h.applicationName, workerId: 'crash-worker', dir: h.dir, sinks: 'none', properties: E2E_PROPERTIES, env: { BATCH_MAX_AGE_MS: '1000' } },
      logger: new NullLogger(), backoff: { initialDelayMs: 500, maxDelayMs: 2_000, resetAfterMs: 60_000 },
    });
    const first = await h.putRecords(200);
    await h.waitForLeases((ls) => ls.length === 2 && ls.every((l) => checkpointReached(l.checkpoint, first.get(l.leaseKey) ?? '0')), 120_000);
    const firstPid = supervisor.pid as number;
    const [victim] = groupMembers(firstPid);
    expect(victim, 'a consumer child is running').to.be.a('number');
    process.kill(victim as number, 'SIGKILL');

    const second = await h.putRecords(200, 200);
    await h.waitForLeases((ls) => ls.every((l) => checkpointReached(l.checkpoint, second.get(l.leaseKey) ?? '0')), 180_000);
    expect(supervisor.restarts).to.be.at.least(1);
    expect(supervisor.pid).to.not.equal(firstPid);
    expect(groupMembers(firstPid)).to.deep.equal([]);
  });
});
