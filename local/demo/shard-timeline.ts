// Pure record of what the lease table showed over time during a reshard: when each shard's lease appeared, was owned, first checkpointed, and reached SHARD_END.
import { CHECKPOINT_SENTINELS, type KclLease } from '../../common/kcl-lease/kcl-lease';

/** First moments (epoch ms of the observation) at which each fact was seen; undefined = not seen yet. */
export interface ShardFacts {
  readonly shardId: string;
  readonly parentShardIds: readonly string[];
  readonly firstSeenAt: number;
  ownedAt?: number;
  owner?: string;
  /** First checkpoint at a sequence number: the shard's records are being consumed. */
  consumedAt?: number;
  /** Checkpoint SHARD_END: the shard is finished (its children may start). */
  finishedAt?: number;
}

export interface OrderCheck {
  readonly child: string;
  readonly parent: string;
  /** Parent's SHARD_END was seen no later than the child's first checkpoint (the KCL's guarantee, checked from outside). */
  readonly parentFinishedFirst: boolean;
}

export class ShardTimeline {
  private readonly shards = new Map<string, ShardFacts>();

  /** Folds one lease-table observation made at `atMs`. */
  public observe(leases: readonly KclLease[], atMs: number): void {
    for (const lease of leases) {
      let facts = this.shards.get(lease.shardId);
      if (facts === undefined) {
        facts = { shardId: lease.shardId, parentShardIds: [...lease.parentShardIds], firstSeenAt: atMs };
        this.shards.set(lease.shardId, facts);
      }
      if (facts.ownedAt === undefined && lease.leaseOwner !== null) {
        facts.ownedAt = atMs;
        facts.owner = lease.leaseOwner;
      }
      if (lease.checkpoint === 'SHARD_END') {
        facts.finishedAt ??= atMs;
        facts.consumedAt ??= atMs;
      } else if (
        facts.consumedAt === undefined &&
        lease.checkpoint !== null &&
        !(CHECKPOINT_SENTINELS as readonly string[]).includes(lease.checkpoint)
      ) {
        facts.consumedAt = atMs;
      }
    }
  }

  public get(shardId: string): ShardFacts | undefined {
    return this.shards.get(shardId);
  }

  public all(): ShardFacts[] {
    return [...this.shards.values()];
  }

  /** Shards whose lease names a parent: the children of a reshard. */
  public children(): ShardFacts[] {
    return this.all().filter((f) => f.parentShardIds.length > 0);
  }

  /** Every child's first checkpoint against each parent's SHARD_END (children not yet consumed are left out). */
  public orderChecks(): OrderCheck[] {
    const checks: OrderCheck[] = [];
    for (const child of this.children()) {
      if (child.consumedAt === undefined) continue;
      for (const parent of child.parentShardIds) {
        const finished = this.shards.get(parent)?.finishedAt;
        checks.push({
          child: child.shardId,
          parent,
          parentFinishedFirst: finished !== undefined && finished <= child.consumedAt,
        });
      }
    }
    return checks;
  }
}
