// The shared half of every publishing MetricsSink: aggregate in memory, flush on an unref'd timer, on flush() and on close().
import type { Logger } from '../logger';
import { describeError } from '../errors';
import type { MetricDatum, MetricsSink } from './metrics-sink';
import { MetricAggregator, type AggregatedPoint } from './metric-aggregator';

export interface BufferedSinkOptions {
  /** 0 disables the timer (flush() and close() still publish). */
  readonly flushIntervalMs: number;
  /** Distinct series (name + dimensions + minute) held between flushes; more are dropped and counted. */
  readonly maxBufferedSeries: number;
  readonly logger: Logger;
  readonly now?: () => number;
}

export interface SinkCounters {
  readonly accepted: number;
  readonly dropped: number;
  readonly published: number;
  readonly failed: number;
}

/** Subclasses implement `publish`; it may throw: failures are logged and counted, never raised into put(). */
export abstract class BufferedMetricsSink implements MetricsSink {
  private readonly aggregator: MetricAggregator;
  private readonly timer: NodeJS.Timeout | undefined;
  private pending: Promise<void> = Promise.resolve();
  private counts = { accepted: 0, dropped: 0, published: 0, failed: 0 };
  private droppedSinceWarning = 0;
  private closed = false;

  protected constructor(protected readonly options: BufferedSinkOptions) {
    this.aggregator = new MetricAggregator(options.maxBufferedSeries, options.now);
    if (options.flushIntervalMs > 0) {
      this.timer = setInterval(() => {
        void this.flush();
      }, options.flushIntervalMs);
      this.timer.unref();
    }
  }

  public get counters(): SinkCounters {
    return { ...this.counts };
  }

  public put(datum: MetricDatum): void {
    try {
      if (this.closed) {
        this.drop();
        return;
      }
      const result = this.aggregator.add(datum);
      if (result.accepted) this.counts.accepted += 1;
      else this.drop();
    } catch {
      this.drop();
    }
  }

  /** Publishes what is buffered; concurrent calls run one after another. */
  public flush(): Promise<void> {
    this.pending = this.pending.then(() => this.flushNow());
    return this.pending;
  }

  public async close(): Promise<void> {
    if (this.timer !== undefined) clearInterval(this.timer);
    await this.flush();
    this.closed = true;
  }

  protected abstract publish(points: readonly AggregatedPoint[]): Promise<void>;

  private drop(): void {
    this.counts.dropped += 1;
    this.droppedSinceWarning += 1;
  }

  private async flushNow(): Promise<void> {
    if (this.droppedSinceWarning > 0) {
      this.options.logger.warn('metrics dropped: buffer full or value not finite', {
        dropped: this.droppedSinceWarning,
        maxBufferedSeries: this.options.maxBufferedSeries,
      });
      this.droppedSinceWarning = 0;
    }
    const points = this.aggregator.drain();
    if (points.length === 0) return;
    try {
      await this.publish(points);
      this.counts.published += points.length;
    } catch (error: unknown) {
      this.counts.failed += points.length;
      this.options.logger.warn('metrics publish failed; points discarded', {
        points: points.length,
        error: describeError(error),
      });
    }
  }
}
