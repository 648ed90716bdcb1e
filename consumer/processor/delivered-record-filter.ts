// The processor's one input hook: a filter that sees each shard's records before they are decoded (the shard-range guard).
import type { DeliveredRecord } from '../decode/record-decoder';

export interface DeliveredRecordFilter {
  /** Called once from initialize, before any record of `shardId` arrives; resolves at once (work it starts is awaited by apply). */
  begin(shardId: string): Promise<void>;
  /** The records of one processRecords call the processor should keep, in delivery order; never rejects. */
  apply(records: readonly DeliveredRecord[]): Promise<readonly DeliveredRecord[]>;
}
