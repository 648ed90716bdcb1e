// The KCL lease as this project reads it: the item's attributes (KCL 2.x and 3.x, single- and multi-stream) turned into a typed lease.
/**
 * Attribute names are those of the Java KCL's DynamoDBLeaseSerializer (software.amazon.kinesis.leases.dynamodb,
 * KCL 2.x) and its 3.x additions (checkpointOwner, throughputKBps). Sets (parentShardId, childShardIds) are DynamoDB
 * string sets. Every reader of the lease table in this project goes through toLease.
 */

/** Checkpoint sentinels the KCL writes instead of a sequence number (ExtendedSequenceNumber's sentinel values). */
export const CHECKPOINT_SENTINELS = ['TRIM_HORIZON', 'LATEST', 'SHARD_END', 'AT_TIMESTAMP'] as const;

export interface KclLease {
  /** A shard id, or account:stream:creationEpoch:shardId in a multi-stream application. */
  readonly leaseKey: string;
  /** The shard id (the last segment of a multi-stream lease key). */
  readonly shardId: string;
  readonly leaseOwner: string | null;
  readonly leaseCounter: number;
  /** A sequence number, or a CHECKPOINT_SENTINELS value (SHARD_END once the shard is finished); null when absent. */
  readonly checkpoint: string | null;
  readonly checkpointSubSequenceNumber: number;
  readonly pendingCheckpoint: string | null;
  readonly ownerSwitchesSinceCheckpoint: number;
  readonly parentShardIds: readonly string[];
  readonly childShardIds: readonly string[];
  /** The shard's hash-key range as decimal strings (the KCL writes it since 2.3); null when the lease lacks it. */
  readonly startingHashKey: string | null;
  readonly endingHashKey: string | null;
  /** KCL 3: set while a graceful hand-off waits for this worker's checkpoint (it differs from leaseOwner then). */
  readonly checkpointOwner: string | null;
  /** KCL 3: the shard's read throughput the owner measured at its last renewal, KB/s; null under KCL 2. */
  readonly throughputKBps: number | null;
}

/**
 * One lease from an item in document form (lib-dynamodb: numbers as numbers, string sets as Set), or undefined when
 * the item is not a lease (later KCL 3 releases keep other entities, with an entityType, in the lease table: a lease
 * always has a leaseCounter). Missing fields read as null / 0 / [].
 */
export function toLease(item: Record<string, unknown>): KclLease | undefined {
  if (typeof item.leaseKey !== 'string' || item.leaseCounter === undefined) return undefined;
  return {
    leaseKey: item.leaseKey,
    shardId: shardIdOf(item.leaseKey),
    leaseOwner: text(item.leaseOwner),
    leaseCounter: num(item.leaseCounter),
    checkpoint: typeof item.checkpoint === 'string' ? item.checkpoint : null,
    checkpointSubSequenceNumber: num(item.checkpointSubSequenceNumber),
    pendingCheckpoint: typeof item.pendingCheckpoint === 'string' ? item.pendingCheckpoint : null,
    ownerSwitchesSinceCheckpoint: num(item.ownerSwitchesSinceCheckpoint),
    parentShardIds: strings(item.parentShardId),
    childShardIds: strings(item.childShardIds),
    startingHashKey: text(item.startingHashKey),
    endingHashKey: text(item.endingHashKey),
    checkpointOwner: text(item.checkpointOwner),
    throughputKBps: item.throughputKBps === undefined ? null : num(item.throughputKBps),
  };
}

/** The shard id in a lease key: single-stream keys are bare shard ids, multi-stream keys end with one. */
export function shardIdOf(leaseKey: string): string {
  return leaseKey.split(':').pop() ?? leaseKey;
}

/** True for a single-stream key, or a multi-stream key (account:stream:epoch:shardId) of `streamName`. */
export function leaseBelongsTo(leaseKey: string, streamName: string): boolean {
  const parts = leaseKey.split(':');
  return parts.length < 4 || parts[1] === streamName;
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

function num(value: unknown): number {
  const n = typeof value === 'number' ? value : typeof value === 'bigint' ? Number(value) : Number(value ?? 0);
  return Number.isFinite(n) ? n : 0;
}

/** The KCL stores shard id lists as string sets (SS), which lib-dynamodb returns as a Set. */
function strings(value: unknown): string[] {
  if (value instanceof Set) return [...value].filter((v): v is string => typeof v === 'string');
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return typeof value === 'string' ? [value] : [];
}
