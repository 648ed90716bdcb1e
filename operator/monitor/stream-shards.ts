// Lists every shard of a stream (ListShards, all pages) with the facts the monitor needs: parent, open or closed.
import type { KinesisClient } from '@aws-sdk/client-kinesis';
import { eachShard } from '../../common/aws/list-all-shards';

export interface ShardInfo {
  readonly shardId: string;
  readonly parentShardId: string | null;
  readonly adjacentParentShardId: string | null;
  /** A closed shard has an ending sequence number: it was split or merged and takes no more writes. */
  readonly open: boolean;
}

export async function listShards(kinesis: KinesisClient, streamName: string): Promise<ShardInfo[]> {
  const shards: ShardInfo[] = [];
  for await (const s of eachShard(kinesis, streamName)) {
    if (s.ShardId === undefined) continue;
    shards.push({
      shardId: s.ShardId,
      parentShardId: s.ParentShardId ?? null,
      adjacentParentShardId: s.AdjacentParentShardId ?? null,
      open: s.SequenceNumberRange?.EndingSequenceNumber === undefined,
    });
  }
  return shards;
}
