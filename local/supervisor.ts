// Keeps one process running: restarts it with exponential backoff when it exits on its own, stops it on request.
import { backoffDelayMs, type RetryPolicy } from '../common/retry';
import { sleep as realSleep } from '../common/sleep';

export interface ProcessExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

/** What the supervisor manages: something with a PID that tells when it exits and can be stopped. */
export interface Supervised {
  readonly pid: number;
  readonly exited: Promise<ProcessExit>;
  stop(): Promise<unknown>;
}

/** The project retry policy's delays (common/retry, without jitter: one process, nothing to spread out), plus when to forget past restarts. */
export interface RestartPolicy extends Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs'> {
  /** A run longer than this, ms, resets the delay to `baseDelayMs`. */
  readonly resetAfterMs: number;
}

export const DEFAULT_RESTART_POLICY: RestartPolicy = Object.freeze({
  baseDelayMs: 1_000,
  maxDelayMs: 30_000,
  resetAfterMs: 60_000,
});

export type SupervisorEvent =
  | { readonly type: 'started'; readonly pid: number; readonly attempt: number }
  | { readonly type: 'exited'; readonly pid: number; readonly exit: ProcessExit; readonly restartInMs: number }
  | { readonly type: 'start-failed'; readonly error: unknown; readonly restartInMs: number }
  | { readonly type: 'stopped' };

export interface SupervisorOptions {
  readonly start: () => Promise<Supervised>;
  readonly restartPolicy?: RestartPolicy;
  readonly onEvent?: (event: SupervisorEvent) => void;
  readonly now?: () => number;
  /** Waits out a restart delay, ending early when `signal` aborts (default common/sleep; tests pass a manual one). */
  readonly sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

export class Supervisor {
  private current: Supervised | undefined;
  private stopping = false;
  private wake: AbortController | undefined;
  private loop: Promise<void> | undefined;
  private restartCount = 0;

  public constructor(private readonly options: SupervisorOptions) {}

  /** Times the process was started again after an exit or a failed start. */
  public get restarts(): number {
    return this.restartCount;
  }
  public get pid(): number | undefined {
    return this.current?.pid;
  }

  /** Starts the first process and resolves once it is running (rejects if that first start fails). */
  public async start(): Promise<void> {
    if (this.loop !== undefined) throw new Error('supervisor already started');
    const first = await this.options.start();
    this.current = first;
    this.emit({ type: 'started', pid: first.pid, attempt: 0 });
    this.loop = this.run(first);
  }

  /** Stops supervising and stops the current process; resolves when it is gone. */
  public async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.abort();
    await this.current?.stop();
    await this.loop;
    this.emit({ type: 'stopped' });
  }

  private async run(first: Supervised): Promise<void> {
    const restart = this.options.restartPolicy ?? DEFAULT_RESTART_POLICY;
    const now = this.options.now ?? Date.now;
    let running: Supervised | undefined = first;
    let startedAt = now();
    const policy: RetryPolicy = {
      maxAttempts: Infinity,
      baseDelayMs: restart.baseDelayMs,
      maxDelayMs: restart.maxDelayMs,
      jitter: 'none',
    };
    let restarts = 0;
    let delay = backoffDelayMs(policy, 1);
    for (;;) {
      if (running !== undefined) {
        const exit = await running.exited;
        if (this.stopping) return;
        if (now() - startedAt >= restart.resetAfterMs) {
          restarts = 0;
          delay = backoffDelayMs(policy, 1);
        }
        this.emit({ type: 'exited', pid: running.pid, exit, restartInMs: delay });
        this.current = undefined;
      }
      await this.pause(delay);
      if (this.stopping) return;
      restarts += 1;
      delay = backoffDelayMs(policy, restarts + 1);
      this.restartCount += 1;
      try {
        running = await this.options.start();
        this.current = running;
        startedAt = now();
        this.emit({ type: 'started', pid: running.pid, attempt: this.restartCount });
        if (this.stopping) {
          await running.stop();
          return;
        }
      } catch (error: unknown) {
        running = undefined;
        this.emit({ type: 'start-failed', error, restartInMs: delay });
      }
    }
  }

  /** The restart delay; stop() ends it at once. */
  private async pause(ms: number): Promise<void> {
    const wake = new AbortController();
    this.wake = wake;
    try {
      await (this.options.sleep ?? realSleep)(ms, wake.signal);
    } finally {
      this.wake = undefined;
    }
  }

  private emit(event: SupervisorEvent): void {
    this.options.onEvent?.(event);
  }
}
