// Delivers one assembled batch to every sink on the project retry policy: fast retries for transient failures, a split of what a sink refuses as data, then a slow hold until all hold it or delivery is cancelled.
import type { Logger } from '../../common/logger';
import { describeError } from '../../common/errors';
import { isRetryable } from '../../common/is-retryable';
import { backoffDelayMs, retry, RetryAbortedError, type RetryPolicy } from '../../common/retry';
import { sleep as realSleep } from '../../common/sleep';
import type { SentimentAnalyzer } from '../sentiment/sentiment-analyzer';
import { identityKey } from '../../common/user-record';
import type { Rejection } from '../decode/decoded-record';
import type { Sink, SinkBatch } from '../sinks/sink';
import { SinkDataRejectedError } from '../sinks/sink-errors';
import { assembleBatch } from './batch-assembler';
import { rowCount, writeIsolatingRefused } from './batch-bisect';
import { DeliveryCancelledError } from './processor-errors';
import type { CutBatch } from './batch-buffer';
import type { DeliveryObserver } from './processor-observer';

export interface DeliveryDeps {
  readonly sinks: readonly Sink[];
  readonly analyzer: SentimentAnalyzer;
  readonly logger: Logger;
  /** Fast retries of a transient (retryable) failure: bounded attempts, capped jittered delay. */
  readonly retryPolicy: RetryPolicy;
  /**
   * After the fast retries run out, or at once for a non-retryable (systemic) failure such as access denied, a
   * missing bucket or table, or unreadable archive state: the batch is held, the checkpoint waits, and the stage is
   * retried slowly (its maxAttempts is ignored: dropping data is never an option). Default: DEFAULT_HOLD_RETRY.
   */
  readonly holdPolicy?: RetryPolicy;
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** The clock of the held-batch age (observer.batchHeld); default Date.now. */
  readonly now?: () => number;
  /**
   * `deliveryFailed`: one call per failed attempt of a stage (`sentiment` or a sink name); `batchHeld`: one call per
   * slow retry of a held stage, with how long ago (ms) the batch's delivery began (the held-batch-age metric).
   */
  readonly observer?: DeliveryObserver;
}

/** What a delivered batch came to besides its rows: the records sinks refused as data, dead-lettered as `sink-rejected`. */
export interface DeliveryOutcome {
  readonly sinkRejected: readonly Rejection[];
}

/*
 * Which retry layer owns what, for one failing write of a batch to a sink (innermost first; every layer classifies
 * with common/is-retryable.ts, waits with common/retry.ts's capped full-jitter backoff and never drops a record):
 *
 *   1. AWS SDK attempts (common/aws/client-factory.ts, maxAttempts 3): one request, retried inside the client on
 *      throttling, 5xx and dropped connections. Owns request-level blips of S3, the Data API, Comprehend.
 *   2. The sink's own retry (SINK_RETRY_MAX_ATTEMPTS 5, SINK_RETRY_BASE_DELAY_MS / _MAX_DELAY_MS; s3-object-store.ts,
 *      redshift-sink.ts): one object or one transaction, retried whole (a pg serialisation conflict, a statement timeout,
 *      a multipart upload whose part failed). Owns failures the SDK does not see or cannot repeat on its own.
 *      The sentiment stage's counterpart is SENTIMENT_COMPREHEND_MAX_ATTEMPTS (comprehend-analyzer.ts).
 *   3. Delivery fast-retry (this file, DELIVERY_RETRY_ATTEMPTS 8, DELIVERY_RETRY_MAX_DELAY_MS): the whole stage (the
 *      batch to this sink), while the failure is transient. Owns outages longer than a sink's own retry: up to
 *      3 x 5 x 8 = 120 requests before the batch is held.
 *   4. The hold loop (this file, DELIVERY_HOLD_BASE_MS / _MAX_MS, no attempt limit): a systemic failure (access
 *      denied, a missing table, a bug) or fast attempts used up. Owns "never lose a record": the checkpoint waits,
 *      the shard is held (ShardProcessor stops taking records), and it resumes by itself when the sink recovers.
 *
 * So a layer never retries what an inner layer already retried for the same cause on its own scale; a change of
 * the attempts of one layer multiplies the requests of the layers inside it.
 */
export const DEFAULT_DELIVERY_RETRY: RetryPolicy = Object.freeze({
  maxAttempts: 8,
  baseDelayMs: 200,
  maxDelayMs: 30_000,
});
export const DEFAULT_HOLD_RETRY: RetryPolicy = Object.freeze({
  maxAttempts: Infinity,
  baseDelayMs: 30_000,
  maxDelayMs: 120_000,
});

export class BatchDelivery {
  private readonly abort = new AbortController();
  private heldStages = 0;
  private heldWaiters: Array<() => void> = [];

  public constructor(private readonly deps: DeliveryDeps) {}

  /** True while some stage of some batch is held by a systemic failure. */
  public get held(): boolean {
    return this.heldStages > 0;
  }

  /** Resolves once some stage is held (now, or when it next becomes held): shutdownRequested must not wait on it. */
  public whenHeld(): Promise<void> {
    if (this.heldStages > 0) return Promise.resolve();
    return new Promise((resolve) => this.heldWaiters.push(resolve));
  }

  /** Stops every retry loop at once (pending waits end); pending deliveries reject with DeliveryCancelledError. */
  public cancel(): void {
    this.abort.abort();
  }

  /**
   * Resolves when every sink holds the batch: every row loaded, except rows a sink refused as data
   * (SinkDataRejectedError), which are isolated by splitting the batch (batch-bisect.ts) and dead-lettered with reason
   * `sink-rejected` before this resolves. Systemic failures hold; cancellation rejects with DeliveryCancelledError.
   */
  public async deliver(batch: CutBatch): Promise<DeliveryOutcome> {
    const startedAt = (this.deps.now ?? Date.now)();
    const assembled = await this.withRetry('sentiment', batch.decoded.length, startedAt, () =>
      assembleBatch(batch, this.deps.analyzer),
    );
    const refused = await Promise.all(
      this.deps.sinks.map((sink) =>
        writeIsolatingRefused(assembled, (part) =>
          this.withRetry(
            sink.name,
            part.records.length,
            startedAt,
            () => this.write(sink, part),
            (error) => error instanceof SinkDataRejectedError && rowCount(part) > 0,
          ),
        ),
      ),
    );
    const seen = new Set<string>();
    const sinkRejected = refused.flat().filter((rejection) => {
      const key = identityKey(rejection.record);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    if (sinkRejected.length > 0) await this.deadLetter(sinkRejected, startedAt);
    return { sinkRejected };
  }

  /** Hands refused records to every sink that keeps dead letters (retried and held like a write), or logs them where none does. */
  private async deadLetter(rejections: readonly Rejection[], startedAt: number): Promise<void> {
    this.deps.logger.error(
      'a sink refused records as data: dead-lettered as sink-rejected, the rest of the batch loaded',
      {
        records: rejections.length,
        first: identityKey(rejections[0].record),
        detail: rejections[0].detail,
      },
    );
    const keepers = this.deps.sinks.flatMap((sink) =>
      sink.writeRejected === undefined ? [] : [{ name: sink.name, write: sink.writeRejected.bind(sink) }],
    );
    if (keepers.length === 0) {
      this.deps.logger.error('no sink keeps dead letters (archive disabled): refused records are only logged', {
        identities: rejections.map((rejection) => identityKey(rejection.record)),
      });
      return;
    }
    await Promise.all(
      keepers.map((keeper) =>
        this.withRetry(`${keeper.name} dead letters`, rejections.length, startedAt, () => keeper.write(rejections)),
      ),
    );
  }

  private async write(sink: Sink, batch: SinkBatch): Promise<void> {
    await sink.write(batch);
  }

  /**
   * Fast retries, then the slow hold. `escape`: a final failure it accepts is rethrown instead of held (a data
   * refusal the caller isolates by splitting the batch).
   */
  private async withRetry<T>(
    stage: string,
    records: number,
    startedAt: number,
    fn: () => Promise<T>,
    escape?: (error: unknown) => boolean,
  ): Promise<T> {
    const { signal } = this.abort;
    const wait = this.deps.sleep ?? realSleep;
    const hold = this.deps.holdPolicy ?? DEFAULT_HOLD_RETRY;
    let held = 0;
    try {
      for (; ; held += 1) {
        try {
          return await retry(fn, {
            policy: this.deps.retryPolicy,
            operation: stage,
            signal,
            sleep: wait,
            // Every error is classified here, so a bug or a non-retryable failure goes straight to the slow hold.
            isRetryable: (error) => !(error instanceof DeliveryCancelledError) && isRetryable(error),
            onRetry: (error, attempt, delayMs) => {
              this.deps.observer?.deliveryFailed?.(stage, false);
              // Logged at error level: the daemon records it, so a stalled shard always says why.
              this.deps.logger.error('sink write failed; the checkpoint waits and the batch is retried', {
                stage,
                records,
                attempt,
                delayMs,
                error: describeError(error),
              });
            },
          });
        } catch (error: unknown) {
          if (signal.aborted || error instanceof RetryAbortedError) throw new DeliveryCancelledError();
          if (escape?.(error) === true) throw error;
          if (held === 0) this.enterHold();
          const delayMs = backoffDelayMs(hold, held + 1);
          this.deps.observer?.deliveryFailed?.(stage, true);
          this.deps.observer?.batchHeld?.(stage, (this.deps.now ?? Date.now)() - startedAt);
          this.deps.logger.error(
            'sink write held: not retryable or retries exhausted; the checkpoint waits, retrying slowly',
            {
              stage,
              records,
              holdAttempt: held + 1,
              delayMs,
              retryable: isRetryable(error),
              error: describeError(error),
            },
          );
          await wait(delayMs, signal);
          if (signal.aborted) throw new DeliveryCancelledError();
        }
      }
    } finally {
      if (held > 0) this.heldStages -= 1;
    }
  }

  private enterHold(): void {
    this.heldStages += 1;
    this.heldWaiters.splice(0).forEach((resolve) => resolve());
  }
}
