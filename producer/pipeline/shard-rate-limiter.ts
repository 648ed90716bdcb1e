// Per-shard token buckets for bytes and records, sized as a percentage of the shard write quota.
import { TokenBucket } from '../../common/token-bucket';
import { SHARD_WRITE_BYTES_PER_SECOND, SHARD_WRITE_RECORDS_PER_SECOND } from '../producer-options';

interface ShardBuckets {
  readonly bytes: TokenBucket;
  readonly records: TokenBucket;
}

export class ShardRateLimiter {
  private readonly shards = new Map<string, ShardBuckets>();
  private readonly bytesPerSecond: number;
  private readonly recordsPerSecond: number;

  /** `rateLimitPercent` 150 lets each shard send 1.5 MiB/s and 1,500 records/s (the KPL's default). */
  public constructor(rateLimitPercent: number) {
    this.bytesPerSecond = (SHARD_WRITE_BYTES_PER_SECOND * rateLimitPercent) / 100;
    this.recordsPerSecond = (SHARD_WRITE_RECORDS_PER_SECOND * rateLimitPercent) / 100;
  }

  /** Takes one record and `bytes` from the shard's buckets, both or neither. Unknown shards (undefined) are not limited. */
  public tryTake(shardId: string | undefined, bytes: number, now: number): boolean {
    if (shardId === undefined) return true;
    const buckets = this.bucketsOf(shardId, now);
    if (buckets.records.available(now) < 1 || buckets.bytes.waitMs(bytes, now) > 0) return false;
    buckets.records.tryTake(1, now);
    buckets.bytes.tryTake(bytes, now);
    return true;
  }

  /** Milliseconds until the shard could take a record of `bytes`. */
  public waitMs(shardId: string | undefined, bytes: number, now: number): number {
    if (shardId === undefined) return 0;
    const buckets = this.bucketsOf(shardId, now);
    return Math.max(buckets.records.waitMs(1, now), buckets.bytes.waitMs(bytes, now));
  }

  private bucketsOf(shardId: string, now: number): ShardBuckets {
    let buckets = this.shards.get(shardId);
    if (buckets === undefined) {
      buckets = {
        bytes: new TokenBucket(this.bytesPerSecond, this.bytesPerSecond, now),
        records: new TokenBucket(this.recordsPerSecond, this.recordsPerSecond, now),
      };
      this.shards.set(shardId, buckets);
    }
    return buckets;
  }
}
