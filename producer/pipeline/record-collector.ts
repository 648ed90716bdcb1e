// Collects Kinesis records into PutRecords requests (count and byte limits), honouring retry backoff and per-shard rate limits.
import type { KinesisRecord } from './pending-record';
import type { ShardRateLimiter } from './shard-rate-limiter';

export interface CollectionSettings {
  readonly maxCount: number;
  readonly maxBytes: number;
}

export class RecordCollector {
  private queue: KinesisRecord[] = [];
  private queuedBytes = 0;

  public constructor(
    private readonly settings: CollectionSettings,
    private readonly limiter: ShardRateLimiter,
  ) {}

  public get size(): number {
    return this.queue.length;
  }

  public add(record: KinesisRecord): void {
    this.queue.push(record);
    this.queuedBytes += record.sizeBytes;
  }

  /** True when enough is queued to fill a request, so waiting for more gains nothing. */
  public isFull(): boolean {
    return this.queue.length >= this.settings.maxCount || this.queuedBytes >= this.settings.maxBytes;
  }

  /** Removes and returns every queued record `predicate` selects (expired ones, orphans of a reshard). */
  public removeWhere(predicate: (record: KinesisRecord) => boolean): KinesisRecord[] {
    const removed: KinesisRecord[] = [];
    this.queue = this.queue.filter((record) => {
      if (!predicate(record)) return true;
      removed.push(record);
      this.queuedBytes -= record.sizeBytes;
      return false;
    });
    return removed;
  }

  /**
   * The next request, or undefined when nothing may go yet. A request goes when the queue could fill
   * it, when a queued record falls due, or when `force` (flush); records in backoff or over their
   * shard's rate stay queued, in order.
   */
  public takeBatch(now: number, force: boolean): KinesisRecord[] | undefined {
    if (this.queue.length === 0) return undefined;
    if (!force && !this.isFull() && !this.queue.some((r) => r.dueAt <= now && r.notBefore <= now)) return undefined;
    const batch: KinesisRecord[] = [];
    const kept: KinesisRecord[] = [];
    let bytes = 0;
    for (const record of this.queue) {
      const fits = batch.length < this.settings.maxCount && bytes + record.sizeBytes <= this.settings.maxBytes;
      if (fits && record.notBefore <= now && this.limiter.tryTake(record.predictedShardId, record.sizeBytes, now)) {
        batch.push(record);
        bytes += record.sizeBytes;
      } else {
        kept.push(record);
      }
    }
    if (batch.length === 0) return undefined;
    this.queue = kept;
    this.queuedBytes -= bytes;
    return batch;
  }

  /** The earliest time a queued record could be sent: its due time, backoff end or rate-limit refill. */
  public nextWakeAt(now: number): number {
    let earliest = Infinity;
    const full = this.isFull();
    const waits = new Map<string | undefined, number>();
    for (const record of this.queue) {
      let wait = waits.get(record.predictedShardId);
      if (wait === undefined) {
        wait = this.limiter.waitMs(record.predictedShardId, record.sizeBytes, now);
        waits.set(record.predictedShardId, wait);
      }
      const at = Math.max(record.notBefore, full || record.attempts > 0 ? now : record.dueAt, now + wait);
      if (at < earliest) earliest = at;
    }
    return earliest;
  }
}
