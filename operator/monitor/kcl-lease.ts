// Reads the KCL 2.x / 3.x lease table (one item per shard) with lib-dynamodb and turns items into typed leases, tolerating missing fields.
import { ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** Checkpoint sentinels the KCL writes instead of a sequence number. */
export const CHECKPOINT_SENTINELS = ['TRIM_HORIZON', 'LATEST', 'SHARD_END', 'AT_TIMESTAMP'] as const;

export interface KclLease {
  readonly leaseKey: string;
  /** The shard id (the last segment of a multi-stream lease key). */
  readonly shardId: string;
  readonly leaseOwner: string | null;
  readonly leaseCounter: number;
  readonly checkpoint: string | null;
  readonly checkpointSubSequenceNumber: number;
  readonly pendingCheckpoint: string | null;
  readonly ownerSwitchesSinceCheckpoint: number;
  readonly parentShardIds: readonly string[];
  readonly childShardIds: readonly string[];
  /** KCL 3: set while a graceful hand-off waits for this worker's checkpoint (it differs from leaseOwner then). */
  readonly checkpointOwner?: string | null;
  /** KCL 3: the shard's read throughput the owner measured at its last renewal, KB/s; null under KCL 2. */
  readonly throughputKBps?: number | null;
}

/** Scans every page of the lease table; in a multi-stream table only the leases of `streamName` are kept. */
export async function readLeases(doc: DynamoDBDocumentClient, table: string, streamName: string): Promise<KclLease[]> {
  const leases: KclLease[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await doc.send(new ScanCommand({ TableName: table, ConsistentRead: true, ExclusiveStartKey: start }));
    for (const item of out.Items ?? []) {
      const lease = toLease(item);
      if (lease !== undefined && belongsTo(lease.leaseKey, streamName)) leases.push(lease);
    }
    start = out.LastEvaluatedKey;
  } while (start !== undefined);
  return leases;
}

export function toLease(item: Record<string, unknown>): KclLease | undefined {
  // Later KCL 3 releases can keep other entities (entityType) in the lease table: a lease always has a counter.
  if (typeof item.leaseKey !== 'string' || item.leaseCounter === undefined) return undefined;
  return {
    leaseKey: item.leaseKey,
    shardId: item.leaseKey.split(':').pop() ?? item.leaseKey,
    leaseOwner: typeof item.leaseOwner === 'string' && item.leaseOwner !== '' ? item.leaseOwner : null,
    leaseCounter: num(item.leaseCounter),
    checkpoint: typeof item.checkpoint === 'string' ? item.checkpoint : null,
    checkpointSubSequenceNumber: num(item.checkpointSubSequenceNumber),
    pendingCheckpoint: typeof item.pendingCheckpoint === 'string' ? item.pendingCheckpoint : null,
    ownerSwitchesSinceCheckpoint: num(item.ownerSwitchesSinceCheckpoint),
    parentShardIds: strings(item.parentShardId),
    childShardIds: strings(item.childShardIds),
    checkpointOwner: typeof item.checkpointOwner === 'string' && item.checkpointOwner !== '' ? item.checkpointOwner : null,
    throughputKBps: item.throughputKBps === undefined ? null : num(item.throughputKBps),
  };
}

/** Single-stream keys are bare shard ids; multi-stream keys are account:stream:epoch:shardId. */
function belongsTo(leaseKey: string, streamName: string): boolean {
  const parts = leaseKey.split(':');
  return parts.length < 4 || parts[1] === streamName;
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
