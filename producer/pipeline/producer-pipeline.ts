// The producer's pure core: routes user records to per-shard aggregates, collects requests, settles results, retries and re-routes.
import type { MetricsSink } from '../../common/metrics/metrics-sink';
import type { KinesisRecord, PendingRecord } from './pending-record';
import { RecordExpiredError, RecordRejectedError } from '../producer-errors';
import type { ProducerOptions } from '../producer-options';
import { requestMetrics, type ProducerStats } from '../producer-stats';
import type { PutRecordsResultEntry } from '../transport/put-records-transport';
import { RecordCollector } from './record-collector';
import { isRetryableEntryError, nextAttemptAt, producerRetryPolicy, THROTTLE_ERROR } from '../retry/retry-schedule';
import { ShardAggregators } from '../aggregation/shard-aggregators';
import type { ShardMap } from '../aggregation/shard-map';
import { ShardRateLimiter } from './shard-rate-limiter';

export interface PipelineDeps {
  readonly options: ProducerOptions;
  readonly shardMap: ShardMap;
  readonly stats: ProducerStats;
  readonly metrics: MetricsSink;
  readonly dimensions: Readonly<Record<string, string>>;
  readonly random: () => number;
  /** Called once per user record after it is resolved or rejected. */
  readonly onSettled: (user: PendingRecord) => void;
}

interface Misrouted {
  readonly record: KinesisRecord;
  readonly shardId: string;
  readonly sequenceNumber: string;
}

export class ProducerPipeline {
  private shardMap: ShardMap;
  private readonly aggregators: ShardAggregators;
  private readonly collector: RecordCollector;
  private misrouted: Misrouted[] = [];

  public constructor(private readonly deps: PipelineDeps) {
    const o = deps.options;
    this.shardMap = deps.shardMap;
    this.collector = new RecordCollector(
      { maxCount: o.collectionMaxCount, maxBytes: o.collectionMaxSize },
      new ShardRateLimiter(o.rateLimit),
    );
    this.aggregators = new ShardAggregators(
      {
        enabled: o.aggregationEnabled,
        maxBytes: o.aggregationMaxSize,
        maxCount: o.aggregationMaxCount,
        maxBufferedTimeMs: o.recordMaxBufferedTime,
      },
      (record) => this.collector.add(record),
    );
  }

  /** Routes a user record to the aggregate of the open shard that owns its hash key. */
  public add(user: PendingRecord): void {
    this.aggregators.add(user, this.shardMap.shardFor(user.hashKey));
  }

  /** True when a full request is waiting, so sending now beats waiting for a timer. */
  public hasFullRequest(): boolean {
    return this.collector.isFull();
  }

  /** The next request to send (its records' attempts counted), or undefined. `force` sends everything buffered (flush). */
  public takeBatch(now: number, force: boolean): KinesisRecord[] | undefined {
    if (this.misrouted.length > 0) this.expireMisrouted(now);
    this.aggregators.sealDue(now, force);
    for (const record of this.collector.removeWhere((r) => r.deadline <= now)) this.expireOrReroute(record, now, now);
    const batch = this.collector.takeBatch(now, force);
    if (batch === undefined) return undefined;
    for (const record of batch) {
      record.attempts += 1;
      for (const user of record.users) user.attempts += 1;
    }
    return batch;
  }

  /** The earliest time takeBatch could return something new (Infinity when idle). */
  public nextWakeAt(now: number): number {
    let earliest = Math.min(this.aggregators.nextDueAt(), this.collector.nextWakeAt(now));
    for (const { record } of this.misrouted) earliest = Math.min(earliest, record.deadline);
    return earliest;
  }

  /** Settles a request's aligned results; returns true when a result revealed a stale shard map. */
  public complete(batch: readonly KinesisRecord[], results: readonly PutRecordsResultEntry[], now: number): boolean {
    let stale = false;
    let users = 0;
    let kinesisRecords = 0;
    let bytes = 0;
    let retries = 0;
    let throttles = 0;
    batch.forEach((record, index) => {
      const result: PutRecordsResultEntry = results[index] ?? {
        ErrorCode: 'MissingResult',
        ErrorMessage: 'PutRecords returned fewer results than entries',
      };
      if (result.ShardId !== undefined && result.SequenceNumber !== undefined && result.ErrorCode === undefined) {
        kinesisRecords += 1;
        bytes += record.sizeBytes;
        if (record.predictedShardId !== undefined && result.ShardId !== record.predictedShardId) {
          stale = true;
          if (record.aggregated) {
            this.misrouted.push({ record, shardId: result.ShardId, sequenceNumber: result.SequenceNumber });
            return;
          }
        }
        users += this.resolveAll(record, result.ShardId, result.SequenceNumber, now);
        return;
      }
      const code = result.ErrorCode ?? 'UnknownError';
      if (code === THROTTLE_ERROR) throttles += 1;
      if (isRetryableEntryError(code)) {
        retries += 1;
        this.retry(record, code, now);
      } else {
        this.rejectAll(record, new RecordRejectedError(record.attempts, code, result.ErrorMessage ?? ''));
      }
    });
    this.count(users, kinesisRecords, bytes, retries, throttles, stale);
    return stale;
  }

  /** The whole request failed: retryable errors retry every record, others reject them. */
  public failRequest(batch: readonly KinesisRecord[], error: unknown, retryable: boolean, now: number): void {
    const code = errorCode(error);
    for (const record of batch) {
      if (retryable) this.retry(record, code, now);
      else this.rejectAll(record, new RecordRejectedError(record.attempts, code, 'PutRecords request failed', error));
    }
    if (retryable) this.deps.stats.add('retries', batch.length);
  }

  /**
   * Installs a fresh shard map. Aggregates that landed on another shard than predicted are settled
   * when every user record lies in that shard's range (the KCL keeps them), else ALL their user
   * records are routed again. Aggregates built for shards that closed are rebuilt.
   */
  public setShardMap(map: ShardMap, now: number): void {
    this.shardMap = map;
    const misrouted = this.misrouted;
    this.misrouted = [];
    let users = 0;
    for (const item of misrouted) {
      const { record, shardId, sequenceNumber } = item;
      if (!map.knows(shardId) && now < record.deadline) {
        // The listing predates the shard the record landed on: decide after the next refresh.
        this.misrouted.push(item);
      } else if (record.users.every((user) => map.contains(shardId, user.hashKey) === true)) {
        users += this.resolveAll(record, shardId, sequenceNumber, now);
      } else {
        for (const user of record.users) this.add(user);
      }
    }
    this.deps.stats.add('userRecordsPut', users);
    for (const user of this.aggregators.evict((shardId) => map.isOpen(shardId))) this.add(user);
    const orphans = this.collector.removeWhere(
      (r) => r.aggregated && r.predictedShardId !== undefined && !map.isOpen(r.predictedShardId),
    );
    for (const record of orphans) for (const user of record.users) this.add(user);
  }

  public get awaitingShardMap(): number {
    return this.misrouted.length;
  }

  /**
   * Aggregates still waiting for a shard map at their deadline (ListShards keeps failing) are failed:
   * they are stored, but whether the KCL keeps them is unknown, and a resend beats a silent loss.
   */
  private expireMisrouted(now: number): void {
    const [due, waiting] = partition(this.misrouted, (item) => item.record.deadline <= now);
    this.misrouted = waiting;
    for (const { record } of due) {
      for (const user of record.users) user.lastErrorCode = 'ShardMapUnavailable';
      this.expireOrReroute(record, now, Infinity);
    }
  }

  private retry(record: KinesisRecord, code: string, now: number): void {
    for (const user of record.users) user.lastErrorCode = code;
    const at = nextAttemptAt(
      producerRetryPolicy(this.deps.options),
      record.attempts,
      now,
      record.deadline,
      this.deps.random,
    );
    if (at !== undefined) {
      record.notBefore = at;
      this.collector.add(record);
      return;
    }
    this.expireOrReroute(record, now, now + this.deps.options.minBackoffMs);
  }

  /** Fails the user records that cannot make it by `horizon`; routes the others again in new Kinesis records. */
  private expireOrReroute(record: KinesisRecord, now: number, horizon: number): void {
    for (const user of record.users) {
      if (user.deadline <= horizon || user.deadline <= now) {
        this.deps.stats.add('userRecordsExpired');
        user.reject(new RecordExpiredError(user.attempts, user.lastErrorCode));
        this.deps.onSettled(user);
      } else {
        this.add(user);
      }
    }
  }

  private resolveAll(record: KinesisRecord, shardId: string, sequenceNumber: string, now: number): number {
    record.users.forEach((user, index) => {
      this.deps.stats.recordLatency(now - user.arrivedAt);
      user.resolve(
        record.aggregated
          ? { shardId, sequenceNumber, subSequenceNumber: index, attempts: user.attempts }
          : { shardId, sequenceNumber, attempts: user.attempts },
      );
      this.deps.onSettled(user);
    });
    return record.users.length;
  }

  private rejectAll(record: KinesisRecord, error: Error): void {
    this.deps.stats.add('userRecordsFailed', record.users.length);
    for (const user of record.users) {
      user.reject(error);
      this.deps.onSettled(user);
    }
  }

  private count(
    users: number,
    kinesisRecords: number,
    bytes: number,
    retries: number,
    throttles: number,
    stale: boolean,
  ): void {
    const stats = this.deps.stats;
    stats.add('userRecordsPut', users);
    stats.add('kinesisRecordsPut', kinesisRecords);
    stats.add('bytesPut', bytes);
    stats.add('putRecordsRequests');
    stats.add('retries', retries);
    stats.add('throttles', throttles);
    if (stale) stats.add('reshardsDetected');
    for (const datum of requestMetrics(this.deps.dimensions, users, kinesisRecords, bytes, retries, throttles))
      this.deps.metrics.put(datum);
  }
}

function errorCode(error: unknown): string {
  if (typeof error === 'object' && error !== null) {
    const named = error as { name?: unknown; code?: unknown };
    if (typeof named.code === 'string') return named.code;
    if (typeof named.name === 'string') return named.name;
  }
  return 'UnknownError';
}

function partition<T>(items: readonly T[], predicate: (item: T) => boolean): [T[], T[]] {
  const yes: T[] = [];
  const no: T[] = [];
  for (const item of items) (predicate(item) ? yes : no).push(item);
  return [yes, no];
}
