// What the processor reports as it works (metrics and status), kept off its logic: the one route from processing to metrics; each event a no-op unless implemented.
import type { CutBatch } from './batch-buffer';
import type { Position } from './checkpoint-tracker';

/**
 * Events of the KCL ShardProcessor and the Lambda KinesisBatchHandler, and of the BatchDelivery inside both (which
 * reports the two delivery events). The consumer's MetricsObserver implements every one; a test implements what it
 * checks.
 */
export interface ProcessorObserver {
  initialized?(shardId: string): void;
  recordsReceived?(delivered: number, userRecords: number, bytes: number, millisBehindLatest: number | undefined): void;
  /** `sinkRejected`: records of the batch a sink refused as data, dead-lettered as `sink-rejected` (default 0). */
  batchDurable?(batch: CutBatch, latencyMs: number, sinkRejected?: number): void;
  checkpointed?(position: Position | null): void;
  /** One failed delivery attempt of a stage (`sentiment` or a sink name); `held`: the slow, systemic retry. */
  deliveryFailed?(stage: string, held: boolean): void;
  /** A stage of a batch is held (systemic failure) and retried slowly; `ageMs`: since the batch's delivery began. */
  batchHeld?(stage: string, ageMs: number): void;
}

/** The events a BatchDelivery reports: failed attempts and held stages. */
export type DeliveryObserver = Pick<ProcessorObserver, 'deliveryFailed' | 'batchHeld'>;
