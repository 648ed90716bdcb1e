// Accumulates one shard's decoded records between flushes, counting records and bytes.
import type { DecodedRecord } from '../decode/decoded-record';
import type { BufferState } from './batch-policy';

export interface CutBatch {
  readonly shardId: string;
  readonly decoded: readonly DecodedRecord[];
  readonly bytes: number;
}

export class BatchBuffer {
  private decoded: DecodedRecord[] = [];
  private bytes = 0;
  private oldestReceivedAtMs: number | undefined;

  public constructor(private readonly shardId: string) {}

  /** Adds the user records of one delivered Kinesis record; they always stay in one batch together. */
  public addGroup(group: readonly DecodedRecord[], receivedAtMs: number): void {
    if (group.length === 0) return;
    if (this.oldestReceivedAtMs === undefined) this.oldestReceivedAtMs = receivedAtMs;
    for (const item of group) {
      this.decoded.push(item);
      this.bytes += item.record.data.length;
    }
  }

  public get state(): BufferState {
    return { records: this.decoded.length, bytes: this.bytes, oldestReceivedAtMs: this.oldestReceivedAtMs };
  }

  /** Removes and returns everything buffered, or undefined when empty. */
  public take(): CutBatch | undefined {
    if (this.decoded.length === 0) return undefined;
    const batch: CutBatch = { shardId: this.shardId, decoded: this.decoded, bytes: this.bytes };
    this.clear();
    return batch;
  }

  public clear(): void {
    this.decoded = [];
    this.bytes = 0;
    this.oldestReceivedAtMs = undefined;
  }
}
