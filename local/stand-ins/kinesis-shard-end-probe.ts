// Asks kinesis-local's polling API whether a subscription has read a closed shard to its end, and which shards follow it.
import { GetRecordsCommand, GetShardIteratorCommand, type KinesisClient } from '@aws-sdk/client-kinesis';

/** A child shard as SubscribeToShardEvent.ChildShards carries it (Kinesis API reference, ChildShard). */
export interface ProbedChildShard {
  readonly ShardId: string;
  readonly ParentShards: string[];
  readonly HashKeyRange: { readonly StartingHashKey: string; readonly EndingHashKey: string };
}

/**
 * Resolves to the shard's children when nothing follows `afterSequenceNumber` in a closed shard (the end a real
 * subscription reports with a null ContinuationSequenceNumber and ChildShards), to undefined otherwise.
 */
export type ShardEndProbe = (
  streamArn: string,
  shardId: string,
  afterSequenceNumber: string,
) => Promise<ProbedChildShard[] | undefined>;

/**
 * kinesis-mock's GetRecords answers a closed shard read to its end with no NextShardIterator and the ChildShards (its
 * GetRecordsRequest.scala), as Kinesis does; its SubscribeToShard never says so (every event carries a continuation
 * number and no ChildShards). The answer is race-free: a split closes the parent before any child takes a record.
 * `afterSequenceNumber` may be the shard's starting sequence number (an empty shard), which kinesis-mock accepts.
 */
export function kinesisShardEndProbe(kinesis: KinesisClient): ShardEndProbe {
  return async (streamArn, shardId, afterSequenceNumber) => {
    const { ShardIterator } = await kinesis.send(
      new GetShardIteratorCommand({
        StreamARN: streamArn,
        ShardId: shardId,
        ShardIteratorType: 'AFTER_SEQUENCE_NUMBER',
        StartingSequenceNumber: afterSequenceNumber,
      }),
    );
    if (ShardIterator === undefined) return undefined;
    const page = await kinesis.send(new GetRecordsCommand({ ShardIterator, StreamARN: streamArn, Limit: 1 }));
    if (page.NextShardIterator !== undefined || (page.Records ?? []).length > 0) return undefined;
    return (page.ChildShards ?? []).map((child) => ({
      ShardId: child.ShardId ?? '',
      ParentShards: child.ParentShards ?? [],
      HashKeyRange: {
        StartingHashKey: child.HashKeyRange?.StartingHashKey ?? '',
        EndingHashKey: child.HashKeyRange?.EndingHashKey ?? '',
      },
    }));
  };
}
