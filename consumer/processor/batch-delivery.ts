// Delivers one assembled batch to every sink, retrying each failed sink (and scoring) with capped backoff until all hold it or delivery is cancelled.
import type { Logger } from '../../common/logger';
import { describeError, ToolkitError } from '../../common/errors';
import { backoffDelayMs, sleep as realSleep, type RetryPolicy } from '../../common/retry';
import type { SentimentAnalyzer } from '../sentiment/sentiment-analyzer';
import type { Sink, SinkBatch } from '../sinks/sink';
import { assembleBatch } from './batch-assembler';
import type { CutBatch } from './batch-buffer';

export class DeliveryCancelledError extends ToolkitError {
  public constructor() {
    super('DELIVERY_CANCELLED', 'batch delivery was cancelled (lease lost or process stopping)');
  }
}

export interface DeliveryDeps {
  readonly sinks: readonly Sink[];
  readonly analyzer: SentimentAnalyzer;
  readonly logger: Logger;
  /** Sink failures are retried without limit (dropping data is never an option); the delay is capped. */
  readonly retryPolicy: RetryPolicy;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly now?: () => number;
  readonly onSinkWritten?: (sink: string, records: number, latencyMs: number) => void;
}

export const DEFAULT_DELIVERY_RETRY: RetryPolicy = Object.freeze({ maxAttempts: Infinity, baseDelayMs: 200, maxDelayMs: 30_000 });

export class BatchDelivery {
  private cancelled = false;

  public constructor(private readonly deps: DeliveryDeps) {}

  /** Stops every retry loop at its next step; pending deliveries reject with DeliveryCancelledError. */
  public cancel(): void {
    this.cancelled = true;
  }

  /** Resolves when every sink holds the batch. */
  public async deliver(batch: CutBatch): Promise<void> {
    const assembled = await this.withRetry('sentiment', batch.decoded.length, () => assembleBatch(batch, this.deps.analyzer));
    await Promise.all(this.deps.sinks.map((sink) => this.withRetry(sink.name, assembled.records.length, () => this.write(sink, assembled))));
  }

  private async write(sink: Sink, batch: SinkBatch): Promise<void> {
    const now = this.deps.now ?? Date.now;
    const started = now();
    await sink.write(batch);
    this.deps.onSinkWritten?.(sink.name, batch.records.length, now() - started);
  }

  private async withRetry<T>(stage: string, records: number, fn: () => Promise<T>): Promise<T> {
    const wait = this.deps.sleep ?? realSleep;
    for (let attempt = 1; ; attempt += 1) {
      if (this.cancelled) throw new DeliveryCancelledError();
      try {
        return await fn();
      } catch (error: unknown) {
        if (this.cancelled) throw new DeliveryCancelledError();
        const delayMs = backoffDelayMs(this.deps.retryPolicy, attempt);
        // Logged at error level: the daemon records it, so a stalled shard always says why.
        this.deps.logger.error('sink write failed; the checkpoint waits and the batch is retried', {
          stage, records, attempt, delayMs, error: describeError(error),
        });
        await wait(delayMs);
      }
    }
  }
}
