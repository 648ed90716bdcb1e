// Reads the X filtered stream for one hashtag: rules first, one connection at a time, stall detection and X's reconnect schedule.
import { describeError } from '../../common/errors';
import type { Logger } from '../../common/logger';
import type { MetricsSink } from '../../common/metrics/metrics-sink';
import { sleep as realSleep } from '../../common/sleep';
import type { CollectedPost } from '../collected-post';
import { isAuthFailure, SourceHttpError, StallError, XReadBudgetError } from '../collector-errors';
import { COLLECTOR_METRIC } from '../collector-metrics';
import { NdjsonLines } from '../ndjson-lines';
import { emptySourceStats, type PostSourceRun, type SourceStats } from '../source-stats';
import type { XApi } from './x-api';
import { XBackoff, type Failure, type XBackoffPolicy } from './x-backoff';
import { mapXLine, type OurRules } from './x-post-mapper';
import type { XReadLedger } from './x-read-ledger';
import { COLLECTOR_RULE_TAG, syncStreamRules } from './x-rules';

export interface XFilteredStreamOptions {
  readonly api: XApi;
  readonly hashtag: string;
  readonly logger: Logger;
  /**
   * A connection silent this long is dead: X sends a keep-alive newline about every 20 s (X API v2 filtered stream,
   * "Consuming streaming data"), so 30 s leaves a margin. Also bounds the wait for the response headers.
   */
  readonly stallTimeoutMs: number;
  readonly backoff?: XBackoffPolicy;
  readonly now?: () => number;
  /** Every wait between connections (tests pass a recording one). */
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Counts billable reads against the monthly budget; the stream stops when it is spent. */
  readonly ledger?: XReadLedger;
  readonly metrics?: MetricsSink;
  readonly metricDimensions?: Readonly<Record<string, string>>;
}

export class XFilteredStream implements PostSourceRun<CollectedPost> {
  public readonly stats: SourceStats = emptySourceStats();
  private readonly backoff: XBackoff;
  private readonly now: () => number;
  private stallDetectedAt: number | undefined;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  private ours: OurRules = { tag: COLLECTOR_RULE_TAG };
  private ledgerSavedAt = 0;

  public constructor(private readonly options: XFilteredStreamOptions) {
    this.backoff = new XBackoff(options.backoff);
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? realSleep;
  }

  /** Yields posts until `signal` aborts; throws only on what a retry cannot fix (401/403, rules refused). */
  public async *posts(signal: AbortSignal): AsyncGenerator<CollectedPost> {
    try {
      this.options.ledger?.assertBudgetLeft();
    } catch (error: unknown) {
      this.budgetSpent();
      throw error;
    }
    try {
      yield* this.stream(signal);
    } finally {
      this.options.ledger?.save();
    }
  }

  private async *stream(signal: AbortSignal): AsyncGenerator<CollectedPost> {
    const { logger } = this.options;
    if (!(await this.syncRules(signal))) return;
    while (!signal.aborted) {
      try {
        yield* this.connection(signal);
        // The server ended the response: a network-level disconnect.
        if (!signal.aborted) throw new Error('the stream ended');
      } catch (error: unknown) {
        if (signal.aborted) return;
        if (isAuthFailure(error) || error instanceof XReadBudgetError) throw error;
        const failure = this.classify(error);
        const waitMs = this.backoff.next(failure, this.now());
        if (failure.kind === 'rate-limit') {
          this.stats.rateLimited += 1;
          this.stats.rateLimitWaitMs += waitMs;
        }
        logger.warn('stream disconnected, reconnecting', {
          failure: failure.kind,
          error: describeError(error),
          waitMs,
        });
        await this.sleep(waitMs, signal);
        this.stats.reconnects += 1;
      }
    }
  }

  /** Rules before the first connection, retried on X's schedule (429 until the reset); false when stopped meanwhile. */
  private async syncRules(signal: AbortSignal): Promise<boolean> {
    while (!signal.aborted) {
      try {
        const rules = await syncStreamRules(this.options.api, this.options.hashtag, this.options.logger);
        this.ours = {
          tag: COLLECTOR_RULE_TAG,
          ...(rules.ruleId === undefined ? {} : { ids: new Set([rules.ruleId]) }),
        };
        this.backoff.reset();
        return true;
      } catch (error: unknown) {
        if (signal.aborted) return false;
        if (
          isAuthFailure(error) ||
          (error instanceof SourceHttpError && error.status >= 400 && error.status < 500 && error.status !== 429)
        )
          throw error;
        const failure = this.classify(error);
        const waitMs = this.backoff.next(failure, this.now());
        this.options.logger.warn('stream rules failed, retrying', {
          failure: failure.kind,
          error: describeError(error),
          waitMs,
        });
        await this.sleep(waitMs, signal);
      }
    }
    return false;
  }

  private async *connection(signal: AbortSignal): AsyncGenerator<CollectedPost> {
    const socket = new AbortController();
    const stop = (): void => socket.abort();
    signal.addEventListener('abort', stop, { once: true });
    let stalled = false;
    const timer = setTimeout(() => {
      stalled = true;
      socket.abort(new StallError(this.options.stallTimeoutMs));
    }, this.options.stallTimeoutMs);
    try {
      const response = await this.options.api.openStream(socket.signal);
      this.connected();
      timer.refresh();
      const body = response.body;
      if (body === null) throw new Error('the stream response has no body');
      const lines = new NdjsonLines();
      const reader = body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        timer.refresh();
        const posts: CollectedPost[] = [];
        const read: string[] = [];
        for (const line of lines.push(value)) {
          if (line.kind === 'keep-alive') {
            this.stats.keepAlives += 1;
            continue;
          }
          const mapped = mapXLine(line.text, this.ours);
          if (mapped.kind === 'post') {
            posts.push(mapped.post);
            read.push(mapped.post.id);
          } else if (mapped.kind === 'other-rules') {
            this.stats.otherRules += 1;
            read.push(mapped.id);
          } else if (mapped.kind === 'malformed') {
            this.stats.malformed += 1;
            this.options.logger.warn('skipped a malformed stream line', {
              detail: mapped.detail,
              bytes: line.text.length,
            });
          } else {
            this.stats.systemMessages += 1;
            this.options.logger.warn('stream message without data', { detail: mapped.detail });
          }
        }
        const spent = this.countReads(read);
        yield* posts;
        if (spent) throw new XReadBudgetError(this.options.ledger?.spentMessage() ?? 'X read budget spent');
        timer.refresh();
      }
    } catch (error: unknown) {
      if (stalled) {
        this.stats.stalls += 1;
        this.stallDetectedAt = this.now();
        this.options.logger.warn('stream stalled, closing the connection', { silentMs: this.options.stallTimeoutMs });
        throw new StallError(this.options.stallTimeoutMs);
      }
      throw error;
    } finally {
      clearTimeout(timer);
      signal.removeEventListener('abort', stop);
      // Closes the socket whatever ended the read: a stalled connection must not linger beside the next one.
      socket.abort();
    }
  }

  /** Counts what X delivered (and bills); true when the monthly budget is now spent. */
  private countReads(ids: readonly string[]): boolean {
    const { ledger, metrics } = this.options;
    if (ledger === undefined || ids.length === 0) return false;
    const outcome = ledger.record(ids);
    // At most every 5 s (a day's ids can be megabytes), and at the budget and when the stream ends: a crash
    // forgets at most 5 s of reads.
    if (outcome.spent || this.now() - this.ledgerSavedAt >= 5_000) {
      ledger.save();
      this.ledgerSavedAt = this.now();
    }
    metrics?.put({
      name: COLLECTOR_METRIC.xBillableReads,
      value: outcome.billable,
      unit: 'Count',
      dimensions: this.options.metricDimensions,
    });
    if (outcome.spent) this.budgetSpent();
    return outcome.spent;
  }

  private budgetSpent(): void {
    const { ledger, metrics, logger } = this.options;
    if (ledger === undefined) return;
    logger.error('X monthly read budget spent; stopped reading X', {
      monthReads: ledger.reads,
      budget: ledger.budget,
      ledger: ledger.file,
    });
    metrics?.put({
      name: COLLECTOR_METRIC.xReadBudgetExhausted,
      value: 1,
      unit: 'Count',
      dimensions: this.options.metricDimensions,
    });
  }

  private connected(): void {
    this.stats.connects += 1;
    this.backoff.reset();
    if (this.stallDetectedAt !== undefined) {
      this.stats.lastStallReconnectMs = this.now() - this.stallDetectedAt;
      this.options.logger.info('reconnected after a stall', { reconnectMs: this.stats.lastStallReconnectMs });
      this.stallDetectedAt = undefined;
    }
  }

  private classify(error: unknown): Failure {
    if (error instanceof SourceHttpError) {
      if (error.status === 429)
        return {
          kind: 'rate-limit',
          ...(error.rateLimitResetMs === undefined ? {} : { resetAtMs: error.rateLimitResetMs }),
        };
      this.stats.httpErrors += 1;
      return { kind: 'http', status: error.status };
    }
    this.stats.networkErrors += 1;
    return { kind: 'network' };
  }
}
