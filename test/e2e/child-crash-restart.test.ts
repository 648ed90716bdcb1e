// End-to-end: a consumer child killed with SIGKILL mid-stream makes the real daemon exit; the supervisor restarts it and both sinks end with every record once.
import { expect } from 'chai';
import { NullLogger } from '../../common/logger';
import { superviseDaemon } from '../../local/wiring/supervised-daemon';
import { groupMembers } from '../../common/process/process-group';
import { sleep } from '../../common/sleep';
import type { Supervisor } from '../../local/supervisor';
import { checkpointReached, e2eGenerations, E2eHarness } from '../support/e2e-harness';
import { E2eTraffic, expectExactlyOnce } from '../support/e2e-delivery';

for (const generation of e2eGenerations())
  describe(`e2e (KCL ${generation}): consumer child crash under the supervisor, real sinks`, function () {
    this.timeout(300_000);
    let harness: E2eHarness | undefined;
    let supervisor: Supervisor | undefined;
    let traffic: E2eTraffic | undefined;

    before(async () => {
      harness = await E2eHarness.start({ shards: 2, sinks: 'all', generation });
    });
    after(async () => {
      await traffic?.close().catch(() => undefined);
      await supervisor?.stop();
      await harness?.stop();
    });

    it('restarts the daemon after a child is SIGKILLed while records flow, resumes from checkpoints, and loses or duplicates nothing', async () => {
      const h = harness as E2eHarness;
      supervisor = await superviseDaemon({
        daemon: h.daemonOptions('crash-worker'),
        logger: new NullLogger(),
        restartPolicy: { baseDelayMs: 500, maxDelayMs: 2_000, resetAfterMs: 60_000 },
      });
      // Both consumer children running before any traffic: otherwise a slow start (KCL 3 assigns leases a cycle after
      // initialisation) lets all 800 records arrive before the first read, and the crash would hit an idle child.
      for (let i = 0; i < 1_200 && groupMembers(supervisor.pid as number).length < 2; i += 1) await sleep(100);
      traffic = await E2eTraffic.open(h, 'crash');
      const t = traffic;
      const sending = t.send(800, 100);
      // Kill once rows are loading but most records are still to come: the child is between batches or inside one.
      for (let i = 0; i < 600 && (await t.rowCount()) < 100; i += 1) await sleep(100);
      const firstPid = supervisor.pid as number;
      const [victim] = groupMembers(firstPid);
      expect(victim, 'a consumer child is running').to.be.a('number');
      const loadedBeforeKill = await t.rowCount();
      process.kill(victim as number, 'SIGKILL');
      expect(loadedBeforeKill, 'the crash happened while records were still loading').to.be.within(1, 700);
      await sending;

      const last = t.lastSequenceByShard();
      await h.waitForLeases(
        (ls) => ls.length === 2 && ls.every((l) => checkpointReached(l.checkpoint, last.get(l.leaseKey) ?? '0')),
        180_000,
      );
      expect(supervisor.restarts).to.be.at.least(1);
      expect(supervisor.pid).to.not.equal(firstPid);
      expect(groupMembers(firstPid), 'nothing of the first daemon is left').to.deep.equal([]);

      await supervisor.stop();
      expectExactlyOnce(await t.reconcile(), 800);
    });
  });
