// Lists every shard of a stream (ListShards, all pages) with the facts the monitor needs: parent, open or closed.
import { ListShardsCommand, type KinesisClient } from '@aws-sdk/client-kinesis';

export interface ShardInfo {
  readonly shardId: string;
  readonly parentShardId: string | null;
  readonly adjacentParentShardId: string | null;
  /** A closed shard has an ending sequence number: it was split or merged and takes no more writes. */
  readonly open: boolean;
}

export async function listShards(kinesis: KinesisClient, streamName: string): Promise<ShardInfo[]> {
  const shards: ShardInfo[] = [];
  let nextToken: string | undefined;
  do {
    const out = await kinesis.send(new ListShardsCommand(nextToken === undefined ? { StreamName: streamName } : { NextToken: nextToken }));
    for (const s of out.Shards ?? []) {
      if (s.ShardId === undefined) continue;
      shards.push({
        shardId: s.ShardId,
        parentShardId: s.ParentShardId ?? null,
        adjacentParentShardId: s.AdjacentParentShardId ?? null,
        open: s.SequenceNumberRange?.EndingSequenceNumber === undefined,
      });
    }
    nextToken = out.NextToken;
  } while (nextToken !== undefined);
  return shards;
}
