// Finds a shard's hash-key range: the lease table first (KCL 2.x writes startingHashKey/endingHashKey), ListShards as fallback.
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { KinesisClient } from '@aws-sdk/client-kinesis';
import { eachShard } from '../../common/aws/list-all-shards';
import { readLease } from '../../common/kcl-lease/lease-reader';
import type { HashKeyRange } from './shard-range-filter';

export interface ShardRangeSource {
  readonly dynamodb: DynamoDBClient;
  readonly kinesis: KinesisClient;
  /** The lease table: the KCL application name. */
  readonly leaseTable: string;
  readonly streamName: string;
}

const DECIMAL = /^\d+$/;

function rangeOf(start: string | undefined, end: string | undefined): HashKeyRange | undefined {
  if (start === undefined || end === undefined || !DECIMAL.test(start) || !DECIMAL.test(end)) return undefined;
  return { startingHashKey: BigInt(start), endingHashKey: BigInt(end) };
}

/** The lease's range (strongly consistent read), or undefined when the lease or its range attributes are absent. */
export async function rangeFromLease(source: ShardRangeSource, shardId: string): Promise<HashKeyRange | undefined> {
  const lease = await readLease(source.dynamodb, source.leaseTable, shardId);
  return rangeOf(lease?.startingHashKey ?? undefined, lease?.endingHashKey ?? undefined);
}

/** The shard's range from ListShards (every page), or undefined when the stream does not list it. */
export async function rangeFromListShards(
  source: ShardRangeSource,
  shardId: string,
): Promise<HashKeyRange | undefined> {
  for await (const shard of eachShard(source.kinesis, source.streamName)) {
    if (shard.ShardId === shardId)
      return rangeOf(shard.HashKeyRange?.StartingHashKey, shard.HashKeyRange?.EndingHashKey);
  }
  return undefined;
}

/** Lease table, then ListShards; errors propagate (the caller decides how often to try). */
export async function lookupShardRange(source: ShardRangeSource, shardId: string): Promise<HashKeyRange | undefined> {
  return (await rangeFromLease(source, shardId)) ?? rangeFromListShards(source, shardId);
}
