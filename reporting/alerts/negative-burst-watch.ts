// One poll of the alerter: read recent NEGATIVE posts, feed the detector, deliver a new alert, and retry deliveries that failed before.
import { describeError } from '../../common/errors';
import type { Logger } from '../../common/logger';
import { mayRetry } from '../../common/retry';
import type { PostReader } from '../posts/post-reader';
import { notifyAll, type AlertNotifier } from './alert-notifier';
import type { BurstAlert, NegativePostEvent } from './burst-alert';
import type { NegativeBurstDetector } from './negative-burst-detector';

export interface WatchOptions {
  /** How far back each poll reads (the detector's window plus its lateness allowance). */
  readonly lookbackMs: number;
  /** Newest negative posts read per poll: a bound on memory and query cost. */
  readonly maxPostsPerPoll: number;
  /** Deliveries to a failing channel are retried on later polls, at most this many times in all. */
  readonly maxDeliveryAttempts: number;
}

export interface PollResult {
  readonly negativePostsRead: number;
  readonly alert?: BurstAlert;
  /** Channels that failed in this poll (for a new or a retried alert). */
  readonly failedChannels: readonly string[];
}

interface PendingDelivery {
  readonly alert: BurstAlert;
  readonly notifier: AlertNotifier;
  attempts: number;
}

/** Posts may carry a created_at a little ahead of our clock. */
const FUTURE_TOLERANCE_MS = 60_000;

export class NegativeBurstWatch {
  private pending: PendingDelivery[] = [];

  public constructor(
    private readonly reader: PostReader,
    private readonly detector: NegativeBurstDetector,
    private readonly notifiers: readonly AlertNotifier[],
    private readonly options: WatchOptions,
    private readonly logger: Logger,
    private readonly now: () => number,
  ) {}

  /** Rejects only when the posts table cannot be read; delivery failures are reported in the result and retried later. */
  public async poll(): Promise<PollResult> {
    const nowMs = this.now();
    const rows = await this.reader.latestPosts(
      { fromMs: nowMs - this.options.lookbackMs, toMs: nowMs + FUTURE_TOLERANCE_MS },
      this.options.maxPostsPerPoll,
      'NEGATIVE',
    );
    const events: NegativePostEvent[] = rows.map((r) => ({
      key: r.key,
      atMs: r.createdAtMs,
      postId: r.postId,
      user: r.user,
      text: r.text,
    }));
    const alert = this.detector.observe(events, nowMs);
    const retries = this.pending;
    this.pending = [];
    const failed: string[] = [];
    for (const delivery of retries) await this.deliver(delivery, failed);
    if (alert !== undefined) {
      this.logger.warn('negative burst', {
        negativePosts: alert.negativePosts,
        windowStart: alert.windowStart,
        windowEnd: alert.windowEnd,
      });
      const results = await notifyAll(this.notifiers, alert);
      for (const result of results) {
        if (result.ok) continue;
        const notifier = this.notifiers.find((n) => n.name === result.channel)!;
        this.failedOnce({ alert, notifier, attempts: 1 }, result.error, failed);
      }
    }
    return { negativePostsRead: rows.length, ...(alert === undefined ? {} : { alert }), failedChannels: failed };
  }

  /** Alerts still waiting for a channel that failed. */
  public get pendingDeliveries(): number {
    return this.pending.length;
  }

  private async deliver(delivery: PendingDelivery, failed: string[]): Promise<void> {
    delivery.attempts += 1;
    try {
      await delivery.notifier.notify(delivery.alert);
      this.logger.info('alert delivered on retry', { channel: delivery.notifier.name, attempts: delivery.attempts });
    } catch (error: unknown) {
      this.failedOnce(delivery, error, failed);
    }
  }

  private failedOnce(delivery: PendingDelivery, error: unknown, failed: string[]): void {
    failed.push(delivery.notifier.name);
    // The project retry rule: attempts left, a retryable failure (a NotifyError says so), never a bug.
    const giveUp = !mayRetry(error, delivery.attempts, {
      maxAttempts: this.options.maxDeliveryAttempts,
      baseDelayMs: 0,
      maxDelayMs: 0,
    });
    this.logger.error(giveUp ? 'alert delivery abandoned' : 'alert delivery failed, retrying next poll', {
      channel: delivery.notifier.name,
      attempts: delivery.attempts,
      error: describeError(error),
      cause: describeError((error as { cause?: unknown }).cause),
    });
    if (!giveUp) this.pending.push(delivery);
  }
}
