// Unit tests for the supervisor: restarts with growing backoff, stops cleanly, never restarts after stop(). Time is a manual sleep.
import { expect } from 'chai';
import { Supervisor, type ProcessExit, type Supervised, type SupervisorEvent } from '../../../local/supervisor';
import { ManualSleep, until } from '../../support/manual-time';

class FakeProcess implements Supervised {
  public stopped = false;
  public readonly exited: Promise<ProcessExit>;
  private finish: (exit: ProcessExit) => void = () => undefined;
  public constructor(public readonly pid: number) {
    this.exited = new Promise((resolve) => {
      this.finish = resolve;
    });
  }
  public crash(code = 1): void {
    this.finish({ code, signal: null });
  }
  public async stop(): Promise<void> {
    this.stopped = true;
    this.finish({ code: 143, signal: null });
  }
}

function harness(options: { failStarts?: number; baseDelayMs?: number; maxDelayMs?: number } = {}) {
  const started: FakeProcess[] = [];
  const events: SupervisorEvent[] = [];
  const time = new ManualSleep();
  let failures = options.failStarts ?? 0;
  let nextPid = 100;
  const supervisor = new Supervisor({
    start: async () => {
      if (started.length > 0 && failures > 0) {
        failures -= 1;
        throw new Error('spawn failed');
      }
      const child = new FakeProcess(nextPid++);
      started.push(child);
      return child;
    },
    restartPolicy: {
      baseDelayMs: options.baseDelayMs ?? 1_000,
      maxDelayMs: options.maxDelayMs ?? 4_000,
      resetAfterMs: 60_000,
    },
    onEvent: (event) => events.push(event),
    sleep: time.sleep,
  });
  return { supervisor, started, events, time };
}

describe('Supervisor', () => {
  it('restarts a process that exits on its own, with doubling delays up to the maximum', async () => {
    const { supervisor, started, events, time } = harness();
    await supervisor.start();
    for (let i = 0; i < 4; i += 1) {
      started[i]?.crash();
      await until(() => time.pending === 1, 'the restart delay');
      time.wakeNext();
      await until(() => started.length === i + 2, 'the restart');
    }
    expect(supervisor.restarts).to.equal(4);
    expect(time.requested).to.deep.equal([1_000, 2_000, 4_000, 4_000]);
    const delays = events.filter((e) => e.type === 'exited').map((e) => (e.type === 'exited' ? e.restartInMs : -1));
    expect(delays).to.deep.equal([1_000, 2_000, 4_000, 4_000]);
    await supervisor.stop();
  });

  it('keeps trying when a restart fails to start', async () => {
    const { supervisor, started, events, time } = harness({ failStarts: 2 });
    await supervisor.start();
    started[0]?.crash();
    for (let i = 0; i < 3; i += 1) {
      await until(() => time.pending === 1, 'a restart delay');
      time.wakeNext();
    }
    await until(() => started.length === 2, 'the third restart');
    expect(events.filter((e) => e.type === 'start-failed')).to.have.length(2);
    expect(supervisor.pid).to.equal(started[1]?.pid);
    await supervisor.stop();
  });

  it('stops the running process and does not restart it', async () => {
    const { supervisor, started, events, time } = harness();
    await supervisor.start();
    await supervisor.stop();
    expect(time.requested).to.deep.equal([]);
    expect(started).to.have.length(1);
    expect(started[0]?.stopped).to.equal(true);
    expect(events.map((e) => e.type)).to.deep.equal(['started', 'stopped']);
  });

  it('does not restart when stop() comes during the backoff pause, and stop() ends the pause at once', async () => {
    const { supervisor, started, time } = harness({ baseDelayMs: 200, maxDelayMs: 200 });
    await supervisor.start();
    started[0]?.crash();
    await until(() => time.pending === 1, 'the restart delay');
    await supervisor.stop();
    expect(time.pending).to.equal(0);
    expect(started).to.have.length(1);
  });
});
