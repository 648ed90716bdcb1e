// Test time that moves only when a test says so: a sleep whose waits the test ends, a clock whose timers fire on advance(), and a condition wait.

/** A sleep(ms, signal) whose pending waits end when the test calls wakeNext() (or their signal aborts). */
export class ManualSleep {
  /** Every delay asked for, in order. */
  public readonly requested: number[] = [];
  private readonly waiting: Array<() => void> = [];

  public readonly sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
    new Promise((resolve) => {
      this.requested.push(ms);
      if (signal?.aborted === true) {
        resolve();
        return;
      }
      const end = (): void => {
        const index = this.waiting.indexOf(end);
        if (index >= 0) this.waiting.splice(index, 1);
        resolve();
      };
      this.waiting.push(end);
      signal?.addEventListener('abort', end, { once: true });
    });

  /** Waits not yet ended. */
  public get pending(): number {
    return this.waiting.length;
  }

  /** Ends the oldest pending wait, as if its time had passed. */
  public wakeNext(): void {
    const next = this.waiting[0];
    if (next === undefined) throw new Error('no sleep is pending');
    next();
  }
}

/** A clock (now()) whose one-shot timers fire, in time order, only when advance() passes them. */
export class ManualClock {
  private timers: { at: number; seq: number; fn: () => void }[] = [];
  private seq = 0;

  public constructor(private nowMs = 0) {}

  public now(): number {
    return this.nowMs;
  }

  public setTimer(fn: () => void, ms: number): { cancel(): void } {
    const timer = { at: this.nowMs + Math.max(0, ms), seq: (this.seq += 1), fn };
    this.timers.push(timer);
    return {
      cancel: () => {
        this.timers = this.timers.filter((t) => t !== timer);
      },
    };
  }

  /** Timers armed and not yet fired or cancelled. */
  public get pending(): number {
    return this.timers.length;
  }

  /** Moves time forward by `ms`, firing every timer that falls due on the way (each at its own time). */
  public advance(ms: number): void {
    const target = this.nowMs + ms;
    for (;;) {
      const due = this.timers.filter((t) => t.at <= target).sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (due === undefined) break;
      this.timers = this.timers.filter((t) => t !== due);
      this.nowMs = due.at;
      due.fn();
    }
    this.nowMs = target;
  }
}

/** Lets promise callbacks and I/O run until `condition` holds; fails after `turns` event-loop turns without it. */
export async function until(condition: () => boolean, what = 'condition', turns = 1_000): Promise<void> {
  for (let i = 0; i < turns; i += 1) {
    if (condition()) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error(`${what} did not hold after ${turns} event-loop turns`);
}
