// The lease item the KCL's shard sync writes for a shard it has not leased yet (document form), for seeding a fresh table.

/** A shard as ListShards describes it: id, hash-key range (decimal strings), parents after a reshard. */
export interface SeedShard {
  readonly shardId: string;
  readonly startingHashKey: string;
  readonly endingHashKey: string;
  readonly parentShardIds?: readonly string[];
}

/**
 * The item a single-stream KCL 2.x/3.x application writes for a new shard (DynamoDBLeaseSerializer.toDynamoRecord):
 * no owner, counter 0, checkpoint TRIM_HORIZON, the hash-key range, and the parents as a string set when there are any.
 * Shape: `{ leaseKey, leaseCounter, checkpoint, checkpointSubSequenceNumber, ownerSwitchesSinceCheckpoint,
 * startingHashKey, endingHashKey, parentShardId? }` for lib-dynamodb's PutCommand (a Set becomes SS).
 */
export function newLeaseItem(shard: SeedShard): Record<string, unknown> {
  const parents = shard.parentShardIds ?? [];
  return {
    leaseKey: shard.shardId,
    leaseCounter: 0,
    checkpoint: 'TRIM_HORIZON',
    checkpointSubSequenceNumber: 0,
    ownerSwitchesSinceCheckpoint: 0,
    startingHashKey: shard.startingHashKey,
    endingHashKey: shard.endingHashKey,
    ...(parents.length > 0 ? { parentShardId: new Set(parents) } : {}),
  };
}
