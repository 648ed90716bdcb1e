// Unit tests for the supervisor: restarts with growing backoff, stops cleanly, never restarts after stop().
import { expect } from 'chai';
import { Supervisor, type ProcessExit, type Supervised, type SupervisorEvent } from '../../../daemon/supervisor';

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

const tick = (ms = 5): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function harness(options: { failStarts?: number } = {}) {
  const started: FakeProcess[] = [];
  const events: SupervisorEvent[] = [];
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
    restartPolicy: { baseDelayMs: 1, maxDelayMs: 4, resetAfterMs: 60_000 },
    onEvent: (event) => events.push(event),
  });
  return { supervisor, started, events };
}

describe('Supervisor', () => {
  it('restarts a process that exits on its own, with doubling delays up to the maximum', async () => {
    const { supervisor, started, events } = harness();
    await supervisor.start();
    for (let i = 0; i < 4; i += 1) {
      started[i]?.crash();
      await tick(20);
    }
    expect(started).to.have.length(5);
    expect(supervisor.restarts).to.equal(4);
    const delays = events.filter((e) => e.type === 'exited').map((e) => (e.type === 'exited' ? e.restartInMs : -1));
    expect(delays).to.deep.equal([1, 2, 4, 4]);
    await supervisor.stop();
  });

  it('keeps trying when a restart fails to start', async () => {
    const { supervisor, started, events } = harness({ failStarts: 2 });
    await supervisor.start();
    started[0]?.crash();
    await tick(50);
    expect(events.filter((e) => e.type === 'start-failed')).to.have.length(2);
    expect(started).to.have.length(2);
    expect(supervisor.pid).to.equal(started[1]?.pid);
    await supervisor.stop();
  });

  it('stops the running process and does not restart it', async () => {
    const { supervisor, started, events } = harness();
    await supervisor.start();
    await supervisor.stop();
    await tick(20);
    expect(started).to.have.length(1);
    expect(started[0]?.stopped).to.equal(true);
    expect(events.map((e) => e.type)).to.deep.equal(['started', 'stopped']);
  });

  it('does not restart when stop() comes during the backoff pause', async () => {
    const started: FakeProcess[] = [];
    const supervisor = new Supervisor({
      start: async () => {
        const child = new FakeProcess(1);
        started.push(child);
        return child;
      },
      restartPolicy: { baseDelayMs: 200, maxDelayMs: 200, resetAfterMs: 60_000 },
    });
    await supervisor.start();
    started[0]?.crash();
    await tick(10);
    await supervisor.stop();
    await tick(250);
    expect(started).to.have.length(1);
  });
});
