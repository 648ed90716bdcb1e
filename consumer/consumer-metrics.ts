// Ready-to-wire helper for the consumer: one object per shard that records its metrics under the names the monitor uses.
import type { MetricsSink } from '../common/metrics/metrics-sink';
import { CONSUMER_METRIC, DIMENSION } from '../common/metrics/metric-names';

export interface ConsumerMetricsScope {
  readonly application: string;
  readonly streamName: string;
  readonly shardId: string;
}

/** Cheap to call on the hot path: every call is one aggregated put(), published later by the sink. */
export class ConsumerMetrics {
  private readonly dimensions: Readonly<Record<string, string>>;
  private readonly streamDimensions: Readonly<Record<string, string>>;
  private readonly sinkDimensions = new Map<string, Readonly<Record<string, string>>>();
  private lastCheckpointAt: number;

  public constructor(
    private readonly sink: MetricsSink,
    scope: ConsumerMetricsScope,
    private readonly now: () => number = Date.now,
  ) {
    this.dimensions = Object.freeze({
      [DIMENSION.application]: scope.application,
      [DIMENSION.stream]: scope.streamName,
      [DIMENSION.shard]: scope.shardId,
    });
    this.streamDimensions = Object.freeze({
      [DIMENSION.application]: scope.application,
      [DIMENSION.stream]: scope.streamName,
    });
    this.lastCheckpointAt = now();
  }

  /** A held batch's age (ms since its delivery began), per shard and per stream: the stream-level series is what the alarm reads. */
  public heldBatchAge(ms: number): void {
    for (const dimensions of [this.dimensions, this.streamDimensions])
      this.sink.put({ name: CONSUMER_METRIC.heldBatchAgeMs, value: ms, unit: 'Milliseconds', dimensions });
  }

  public recordsProcessed(count: number): void {
    this.sink.put({ name: CONSUMER_METRIC.recordsProcessed, value: count, unit: 'Count', dimensions: this.dimensions });
  }

  public recordsDeadLettered(count: number): void {
    this.sink.put({
      name: CONSUMER_METRIC.recordsDeadLettered,
      value: count,
      unit: 'Count',
      dimensions: this.dimensions,
    });
  }

  /** One failed delivery attempt of `sink` (a held, systemic failure or a transient one). */
  public sinkWriteFailed(sink: string): void {
    this.sink.put({
      name: CONSUMER_METRIC.sinkWriteFailures,
      value: 1,
      unit: 'Count',
      dimensions: this.sinkDimensionsOf(sink),
    });
  }

  /** Time, ms, from a batch's delivery start until scoring and every sink hold it durably (one datum per batch). */
  public batchDeliveryLatency(ms: number): void {
    this.sink.put({
      name: CONSUMER_METRIC.batchDeliveryLatency,
      value: ms,
      unit: 'Milliseconds',
      dimensions: this.dimensions,
    });
  }

  private sinkDimensionsOf(sink: string): Readonly<Record<string, string>> {
    let dimensions = this.sinkDimensions.get(sink);
    if (dimensions === undefined) {
      dimensions = Object.freeze({ ...this.dimensions, [DIMENSION.sink]: sink });
      this.sinkDimensions.set(sink, dimensions);
    }
    return dimensions;
  }

  /** From each processRecords action; also reports the time since the last checkpoint, so an idle-but-stuck shard shows. */
  public millisBehindLatest(ms: number): void {
    this.sink.put({
      name: CONSUMER_METRIC.millisBehindLatest,
      value: ms,
      unit: 'Milliseconds',
      dimensions: this.dimensions,
    });
    this.sink.put({
      name: CONSUMER_METRIC.timeSinceLastCheckpoint,
      value: this.now() - this.lastCheckpointAt,
      unit: 'Milliseconds',
      dimensions: this.dimensions,
    });
  }

  /** Call when the daemon confirms a checkpoint. */
  public checkpointed(): void {
    this.lastCheckpointAt = this.now();
    this.sink.put({
      name: CONSUMER_METRIC.timeSinceLastCheckpoint,
      value: 0,
      unit: 'Milliseconds',
      dimensions: this.dimensions,
    });
  }
}
