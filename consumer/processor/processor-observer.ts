// What the processor reports as it works (metrics and status), kept off its logic; a no-op by default.
import type { CutBatch } from './batch-buffer';
import type { Position } from './checkpoint-tracker';

export interface ProcessorObserver {
  initialized(shardId: string): void;
  recordsReceived(delivered: number, userRecords: number, bytes: number, millisBehindLatest: number | undefined): void;
  batchDurable(batch: CutBatch, latencyMs: number): void;
  checkpointed(position: Position | null): void;
  /** One failed delivery attempt of a stage (`sentiment` or a sink name); `held`: the slow, systemic retry. */
  deliveryFailed?(stage: string, held: boolean): void;
}
