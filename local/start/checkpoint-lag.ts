// Tracks produced sequence numbers per shard and computes how far the checkpoints trail them (records and age).
import type { KclLease } from '../../common/kcl-lease/kcl-lease';

export interface LagSnapshot {
  /** Produced records after the checkpoint, over all shards. */
  readonly records: number;
  /** Age of the oldest produced record not yet checkpointed, 0 when none. */
  readonly oldestMs: number;
  /** Shards whose checkpoint passed every record we produced to them. */
  readonly caughtUpShards: number;
}

interface Produced {
  readonly sequence: bigint;
  readonly atMs: number;
}

export class CheckpointLag {
  private readonly byShard = new Map<string, Produced[]>();

  public recordProduced(shardId: string, sequenceNumber: string, atMs: number): void {
    const list = this.byShard.get(shardId) ?? [];
    list.push({ sequence: BigInt(sequenceNumber), atMs });
    this.byShard.set(shardId, list);
  }

  /** Drops everything at or before each lease's checkpoint (a finished shard drops all), then measures the rest. */
  public measure(leases: readonly KclLease[], nowMs: number): LagSnapshot {
    let records = 0;
    let oldest = nowMs;
    let caughtUp = 0;
    const checkpoints = new Map(leases.map((lease) => [lease.leaseKey, lease.checkpoint]));
    for (const [shardId, list] of this.byShard) {
      const checkpoint = checkpoints.get(shardId);
      const pending =
        checkpoint === 'SHARD_END'
          ? []
          : /^\d+$/.test(checkpoint ?? '')
            ? list.filter((p) => p.sequence > BigInt(checkpoint as string))
            : list;
      this.byShard.set(shardId, pending);
      records += pending.length;
      if (pending.length === 0) caughtUp += 1;
      for (const p of pending) oldest = Math.min(oldest, p.atMs);
    }
    return { records, oldestMs: nowMs - oldest, caughtUpShards: caughtUp };
  }
}
