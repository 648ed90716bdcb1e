// Plans and applies `checkpoints reset`: every lease of the stream pointed at the first record at a time, never while a worker holds one.
import { UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { KinesisClient } from '@aws-sdk/client-kinesis';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import type { KclLease } from '../../common/kcl-lease/kcl-lease';
import { readLeases } from '../../common/kcl-lease/lease-reader';
import { liveLeases, type LiveLease } from './lease-liveness';
import { shardTargetAt, type LeaseCheckpoint, type ShardTarget } from './shard-position-at';

export interface ResetTarget {
  readonly leaseTable: string;
  readonly streamName: string;
  /** Epoch ms: resume at the first record whose arrival is at or after it. */
  readonly atMs: number;
}

export interface LeaseReset {
  readonly leaseKey: string;
  readonly shardId: string;
  readonly owner: string | null;
  readonly from: LeaseCheckpoint;
  readonly to: ShardTarget;
  /** planned (dry run), reset, unchanged (already there), or conflict (the lease moved while we wrote: refused). */
  readonly action: 'planned' | 'reset' | 'unchanged' | 'conflict';
}

export interface ResetOutcome {
  /** Non-empty: a worker holds a lease, nothing was written. */
  readonly live: readonly LiveLease[];
  readonly leases: readonly LeaseReset[];
}

export interface ResetDeps {
  readonly doc: DynamoDBDocumentClient;
  readonly kinesis: KinesisClient;
  /** Waits between the two reads of the liveness rule (lease-liveness.ts); the CLI waits failoverTimeMs. */
  readonly wait: () => Promise<void>;
  /** Progress: called once per lease, after its target is known (and written, unless a dry run). */
  readonly onLease?: (lease: LeaseReset) => void;
}

/**
 * Reads the leases, waits one failover time, reads them again: any lease renewed meanwhile means a live worker and
 * nothing is written. Otherwise each lease gets its target (shard-position-at.ts) and, unless `dryRun`, one
 * conditional update per lease: the counter must still be the one just read (a worker that started since makes it
 * fail: `conflict`), the checkpoint and sub-sequence are set, the pending checkpoint (KCL 2.x two-phase) and the KCL 3
 * checkpointOwner are removed, and the lease is released (leaseOwner removed, leaseCounter + 1), as the KCL's own
 * eviction does (DynamoDBLeaseSerializer.getDynamoEvictLeaseUpdate), so the next worker takes it at once and a worker
 * still holding it in memory loses it at its next renewal instead of checkpointing over the reset.
 */
export async function resetCheckpoints(target: ResetTarget, deps: ResetDeps, dryRun: boolean): Promise<ResetOutcome> {
  const before = await readLeases(deps.doc, target.leaseTable, target.streamName);
  await deps.wait();
  const after = await readLeases(deps.doc, target.leaseTable, target.streamName);
  const live = liveLeases(before, after);
  if (live.length > 0) return { live, leases: [] };
  const leases: LeaseReset[] = [];
  for (const lease of after) {
    const from = {
      checkpoint: lease.checkpoint ?? 'TRIM_HORIZON',
      subSequenceNumber: lease.checkpointSubSequenceNumber,
    };
    const to = await shardTargetAt(deps.kinesis, target.streamName, lease.shardId, target.atMs, from);
    const same = to.checkpoint === from.checkpoint && to.subSequenceNumber === from.subSequenceNumber;
    const base = { leaseKey: lease.leaseKey, shardId: lease.shardId, owner: lease.leaseOwner, from, to };
    if (dryRun) leases.push({ ...base, action: same ? 'unchanged' : 'planned' });
    else if (same) leases.push({ ...base, action: 'unchanged' });
    else
      leases.push({
        ...base,
        action: (await writeCheckpoint(deps.doc, target.leaseTable, lease, to)) ? 'reset' : 'conflict',
      });
  }
  return { live, leases };
}

async function writeCheckpoint(
  doc: DynamoDBDocumentClient,
  table: string,
  lease: KclLease,
  to: LeaseCheckpoint,
): Promise<boolean> {
  try {
    await doc.send(
      new UpdateCommand({
        TableName: table,
        Key: { leaseKey: lease.leaseKey },
        ConditionExpression: 'leaseCounter = :counter',
        UpdateExpression:
          'SET checkpoint = :checkpoint, checkpointSubSequenceNumber = :sub ADD leaseCounter :one ' +
          'REMOVE leaseOwner, checkpointOwner, pendingCheckpoint, pendingCheckpointSubSequenceNumber, pendingCheckpointState',
        ExpressionAttributeValues: {
          ':counter': lease.leaseCounter,
          ':checkpoint': to.checkpoint,
          ':sub': to.subSequenceNumber,
          ':one': 1,
        },
      }),
    );
    return true;
  } catch (error: unknown) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}
