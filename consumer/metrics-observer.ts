// Feeds the processor's progress into ConsumerMetrics (published through the metrics port).
import { ConsumerMetrics } from './consumer-metrics';
import type { MetricsSink } from '../common/metrics/metrics-sink';
import type { StreamThroughputMetrics } from '../common/metrics/stream-throughput-metrics';
import type { CutBatch } from './processor/batch-buffer';
import type { ProcessorObserver } from './processor/processor-observer';

export class MetricsObserver implements ProcessorObserver {
  private metrics: ConsumerMetrics | undefined;

  /** `throughput` feeds the local AWS/Kinesis series the scaler reads when there is no CloudWatch (local mode). */
  public constructor(
    private readonly sink: MetricsSink,
    private readonly scope: { application: string; streamName: string },
    private readonly throughput?: StreamThroughputMetrics,
  ) {}

  public initialized(shardId: string): void {
    this.metrics = new ConsumerMetrics(this.sink, { ...this.scope, shardId });
  }

  public recordsReceived(
    delivered: number,
    _userRecords: number,
    bytes: number,
    millisBehindLatest: number | undefined,
  ): void {
    if (millisBehindLatest !== undefined) this.metrics?.millisBehindLatest(millisBehindLatest);
    if (delivered > 0) this.throughput?.read(bytes, millisBehindLatest ?? 0);
  }

  public batchDurable(batch: CutBatch, latencyMs: number, sinkRejected = 0): void {
    const deadLettered = batch.decoded.filter((item) => item.kind === 'rejected').length + sinkRejected;
    this.metrics?.recordsProcessed(batch.decoded.length);
    if (deadLettered > 0) this.metrics?.recordsDeadLettered(deadLettered);
    this.metrics?.batchDeliveryLatency(latencyMs);
  }

  public deliveryFailed(stage: string): void {
    this.metrics?.sinkWriteFailed(stage);
  }

  public batchHeld(_stage: string, ageMs: number): void {
    this.metrics?.heldBatchAge(ageMs);
  }

  public checkpointed(): void {
    this.metrics?.checkpointed();
  }
}
