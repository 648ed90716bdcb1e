// One KPL aggregate under construction per predicted shard, so no aggregate ever mixes shards; seals them into Kinesis records.
import { AggregateBuilder } from '../../common/kpl/aggregate-builder';
import { partitionKeyHash } from '../../common/kpl/hash-key';
import type { KinesisRecord, PendingRecord } from '../pipeline/pending-record';

export interface AggregationSettings {
  readonly enabled: boolean;
  readonly maxBytes: number;
  readonly maxCount: number;
  readonly maxBufferedTimeMs: number;
}

interface OpenAggregate {
  readonly shardId: string;
  readonly builder: AggregateBuilder;
  users: PendingRecord[];
  dueAt: number;
}

export class ShardAggregators {
  private readonly open = new Map<string, OpenAggregate>();

  public constructor(
    private readonly settings: AggregationSettings,
    private readonly emit: (record: KinesisRecord) => void,
  ) {}

  /**
   * Adds a user record to its shard's aggregate; records of an unknown shard, with aggregation off, or with an
   * explicit hash key other than their partition key's MD5 go out raw: the multilang protocol drops a sub-record's
   * explicit hash key, so the consumer's shard-range guard judges sub-records by partition key alone.
   */
  public add(user: PendingRecord, shardId: string | undefined): void {
    if (!this.settings.enabled || shardId === undefined || !judgedByPartitionKey(user)) {
      this.emit(sealOne(user, shardId, user.arrivedAt + this.settings.maxBufferedTimeMs));
      return;
    }
    let aggregate = this.open.get(shardId);
    if (aggregate === undefined) {
      aggregate = { shardId, builder: new AggregateBuilder(this.settings.maxBytes), users: [], dueAt: Infinity };
      this.open.set(shardId, aggregate);
    }
    if (!aggregate.builder.tryAdd(user)) {
      this.seal(aggregate);
      aggregate.builder.tryAdd(user);
    }
    aggregate.users.push(user);
    aggregate.dueAt = Math.min(aggregate.dueAt, user.arrivedAt + this.settings.maxBufferedTimeMs);
    if (aggregate.users.length >= this.settings.maxCount || aggregate.builder.sizeBytes >= this.settings.maxBytes)
      this.seal(aggregate);
  }

  /** Seals every aggregate whose oldest user record has waited its buffered time (all of them when `all`). */
  public sealDue(now: number, all = false): void {
    for (const aggregate of this.open.values()) {
      if (aggregate.users.length > 0 && (all || aggregate.dueAt <= now)) this.seal(aggregate);
    }
  }

  /** The earliest time an open aggregate falls due, Infinity when none holds records. */
  public nextDueAt(): number {
    let earliest = Infinity;
    for (const aggregate of this.open.values())
      if (aggregate.users.length > 0) earliest = Math.min(earliest, aggregate.dueAt);
    return earliest;
  }

  /** Drops the aggregates of shards that are gone (after a shard-map refresh), handing their user records back. */
  public evict(keep: (shardId: string) => boolean): PendingRecord[] {
    const orphans: PendingRecord[] = [];
    for (const [shardId, aggregate] of this.open) {
      if (keep(shardId)) continue;
      orphans.push(...aggregate.users);
      this.open.delete(shardId);
    }
    return orphans;
  }

  private seal(aggregate: OpenAggregate): void {
    const users = aggregate.users;
    if (users.length === 0) return;
    if (users.length === 1) {
      this.emit(sealOne(users[0], aggregate.shardId, aggregate.dueAt));
    } else {
      const data = aggregate.builder.build();
      const first = users[0];
      let deadline = Infinity;
      for (const user of users) deadline = Math.min(deadline, user.deadline);
      this.emit({
        predictedShardId: aggregate.shardId,
        // The first user record's hash key pins the aggregate to the shard the router predicted.
        entry: { Data: data, PartitionKey: first.partitionKey, ExplicitHashKey: first.hashKey.toString() },
        users,
        aggregated: true,
        sizeBytes: data.length + Buffer.byteLength(first.partitionKey, 'utf8'),
        dueAt: aggregate.dueAt,
        deadline,
        notBefore: 0,
        attempts: 0,
      });
    }
    aggregate.builder.reset();
    aggregate.users = [];
    aggregate.dueAt = Infinity;
  }
}

/** True when the partition key's MD5 is the record's hash key (no explicit hash key, or an equal one). */
export function judgedByPartitionKey(user: PendingRecord): boolean {
  return user.explicitHashKey === undefined || partitionKeyHash(user.partitionKey) === user.hashKey;
}

/** A user record sent as a plain Kinesis record (no aggregation envelope). */
export function sealOne(user: PendingRecord, shardId: string | undefined, dueAt: number): KinesisRecord {
  const { partitionKey, explicitHashKey, data } = user;
  return {
    predictedShardId: shardId,
    entry:
      explicitHashKey === undefined
        ? { Data: data, PartitionKey: partitionKey }
        : { Data: data, PartitionKey: partitionKey, ExplicitHashKey: explicitHashKey },
    users: [user],
    aggregated: false,
    sizeBytes: user.sizeBytes,
    dueAt,
    deadline: user.deadline,
    notBefore: 0,
    attempts: 0,
  };
}
