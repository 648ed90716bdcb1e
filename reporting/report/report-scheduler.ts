// Runs the weekly send on Mondays at the configured local time (croner, time-zone aware), catches up a missed Monday at start, retries a failed send.
import { Cron } from 'croner';
import { describeError } from '../../common/errors';
import type { Logger } from '../../common/logger';
import type { IsoWeek } from './iso-week';
import type { ReportSchedule } from './report-delivery-config';
import { latestSendTime, zonedPreviousWeek } from './zoned-week';
import { backoffDelayMs } from '../../common/retry';
import { sleep as realSleep } from '../../common/sleep';

/** The week whose send time has most recently passed at `nowMs`: the week before the latest Monday send time. */
export function dueWeek(nowMs: number, schedule: ReportSchedule): IsoWeek {
  return zonedPreviousWeek(latestSendTime(nowMs, schedule.timeZone, schedule), schedule.timeZone);
}

export interface SchedulerOptions {
  readonly schedule: ReportSchedule;
  /** Sends the given week unless the ledger says it went out; rejects when the send failed. */
  readonly send: (week: IsoWeek) => Promise<void>;
  readonly logger: Logger;
  readonly now: () => number;
  /** After a failed send, try again after this long, doubling up to `maxRetryMs`. */
  readonly retryMs?: number;
  readonly maxRetryMs?: number;
  /** Waits out a retry delay, ending early when `signal` aborts (default common/sleep; tests pass a manual one). */
  readonly sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

export class ReportScheduler {
  private cron: Cron | undefined;
  /** Aborts the pending retry wait (a newer failure replaces it; stop() ends it). */
  private retry: AbortController | undefined;
  /** Failed sends since the last success: the retry delay is the project backoff of this attempt (no jitter). */
  private failures = 0;
  private running: Promise<void> = Promise.resolve();

  public constructor(private readonly options: SchedulerOptions) {}

  /** Cron pattern of the send time: minute hour, Mondays. */
  public get pattern(): string {
    return `${this.options.schedule.minute} ${this.options.schedule.hour} * * 1`;
  }

  /** The next send time, epoch ms. */
  public nextRun(): number | undefined {
    return this.cron?.nextRun()?.getTime();
  }

  /** Starts the cron job and checks the due week once now (a Monday missed while stopped goes out at start). */
  public start(): void {
    this.cron = new Cron(this.pattern, { timezone: this.options.schedule.timeZone, protect: true }, () => {
      this.trigger();
    });
    this.trigger();
  }

  public async stop(): Promise<void> {
    this.cron?.stop();
    this.retry?.abort();
    await this.running;
  }

  private trigger(): void {
    this.running = this.running.then(() => this.attempt());
  }

  private async attempt(): Promise<void> {
    const week = dueWeek(this.options.now(), this.options.schedule);
    try {
      await this.options.send(week);
      this.failures = 0;
    } catch (error: unknown) {
      this.failures += 1;
      const retryInMs = backoffDelayMs(
        {
          maxAttempts: Infinity,
          baseDelayMs: this.options.retryMs ?? 60_000,
          maxDelayMs: this.options.maxRetryMs ?? 30 * 60_000,
          jitter: 'none',
        },
        this.failures,
      );
      this.options.logger.error('weekly report send failed; will retry', {
        week,
        retryInMs,
        error: describeError(error),
      });
      if (this.cron === undefined || this.cron.isStopped()) return;
      this.retry?.abort();
      const wait = new AbortController();
      this.retry = wait;
      void (this.options.sleep ?? realSleep)(retryInMs, wait.signal).then(() => {
        if (!wait.signal.aborted) this.trigger();
      });
    }
  }
}
