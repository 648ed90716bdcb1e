// One poll of the alerter: read recent NEGATIVE posts, run the rules, deliver new alerts, and retry deliveries that failed before.
import { describeError } from '../../common/errors';
import type { Logger } from '../../common/logger';
import { mayRetry } from '../../common/retry';
import type { PostReader, PostSummaryRow, TimeRange } from '../posts/post-reader';
import { burstAlert, shareAlert, type AlertContext } from './alert-builder';
import { notifyAll, type AlertNotifier } from './alert-notifier';
import type { NegativeAlert, NegativePostEvent } from './burst-alert';
import type { NegativeBurstDetector } from './negative-burst-detector';
import { shareRuleRanges, type NegativeShareRule } from './negative-share-rule';

export interface WatchOptions {
  /** How far back each poll reads (the detector's window plus its lateness allowance). */
  readonly lookbackMs: number;
  /** Newest negative posts read per poll: a bound on memory and query cost. */
  readonly maxPostsPerPoll: number;
  /** Deliveries to a failing channel are retried on later polls, at most this many times in all. */
  readonly maxDeliveryAttempts: number;
}

export interface WatchRules {
  readonly burst: NegativeBurstDetector;
  /** The rule relative to normal; absent when off (the default). */
  readonly share?: NegativeShareRule;
}

export interface PollResult {
  readonly negativePostsRead: number;
  /** The first alert raised in this poll (the burst rule's, when both fired). */
  readonly alert?: NegativeAlert;
  readonly alerts: readonly NegativeAlert[];
  /** Channels that failed in this poll (for a new or a retried alert). */
  readonly failedChannels: readonly string[];
}

interface PendingDelivery {
  readonly alert: NegativeAlert;
  readonly notifier: AlertNotifier;
  attempts: number;
}

/** Posts may carry a created_at a little ahead of our clock. */
const FUTURE_TOLERANCE_MS = 60_000;
/**
 * The rule relative to normal reads 8 hours of counts (7 days apart, so a scan of a week on Redshift): once a minute
 * is plenty for a one-hour share, whatever the poll interval.
 */
export const SHARE_RULE_EVERY_MS = 60_000;

function eventOf(row: PostSummaryRow): NegativePostEvent {
  return {
    key: row.key,
    source: row.source ?? null,
    postId: row.postId,
    atMs: row.createdAtMs,
    user: row.user,
    lang: row.lang,
    text: row.text,
    keyPhrases: row.keyPhrases ?? null,
  };
}

export class NegativeBurstWatch {
  private pending: PendingDelivery[] = [];
  private shareCheckedMs = Number.NEGATIVE_INFINITY;

  public constructor(
    private readonly reader: PostReader,
    private readonly rules: WatchRules,
    private readonly notifiers: readonly AlertNotifier[],
    private readonly context: AlertContext,
    private readonly options: WatchOptions,
    private readonly logger: Logger,
    private readonly now: () => number,
  ) {}

  /** Rejects only when the posts table cannot be read; delivery failures are reported in the result and retried later. */
  public async poll(): Promise<PollResult> {
    const nowMs = this.now();
    const rows = await this.negativePosts({
      fromMs: nowMs - this.options.lookbackMs,
      toMs: nowMs + FUTURE_TOLERANCE_MS,
    });
    const alerts: NegativeAlert[] = [];
    const burst = this.rules.burst.observe(rows, nowMs);
    if (burst !== undefined) alerts.push(burstAlert(burst, this.context));
    if (this.rules.share !== undefined && nowMs - this.shareCheckedMs >= SHARE_RULE_EVERY_MS) {
      this.shareCheckedMs = nowMs;
      const finding = this.rules.share.evaluate(await this.reader.countByLabelInRanges(shareRuleRanges(nowMs)), nowMs);
      if (finding !== undefined) {
        const posts = await this.negativePosts({ fromMs: finding.fromMs, toMs: finding.toMs });
        alerts.push(shareAlert(finding, posts, nowMs, this.context));
      }
    }
    const retries = this.pending;
    this.pending = [];
    const failed: string[] = [];
    for (const delivery of retries) await this.deliver(delivery, failed);
    for (const alert of alerts) {
      this.logger.warn('negative alert', {
        kind: alert.kind,
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
    return {
      negativePostsRead: rows.length,
      ...(alerts.length === 0 ? {} : { alert: alerts[0] }),
      alerts,
      failedChannels: failed,
    };
  }

  /** Alerts still waiting for a channel that failed. */
  public get pendingDeliveries(): number {
    return this.pending.length;
  }

  private async negativePosts(range: TimeRange): Promise<NegativePostEvent[]> {
    return (await this.reader.latestPosts(range, this.options.maxPostsPerPoll, 'NEGATIVE')).map(eventOf);
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
