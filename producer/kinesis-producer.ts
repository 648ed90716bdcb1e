// The producer: put() user records, get Kinesis' shard and sequence number back; drives the pure pipeline with timers and a transport.
import { isRetryable } from '../common/is-retryable';
import { DIMENSION } from '../common/metrics/metric-names';
import { NullLogger, type Logger } from '../common/logger';
import { NullMetricsSink, type MetricsSink } from '../common/metrics/metrics-sink';
import { backoffDelayMs, type RetryPolicy } from '../common/retry';
import { BackPressure } from './pipeline/back-pressure';
import { HashKeyCache } from './aggregation/hash-key-cache';
import type { KinesisRecord, PutResult } from './pipeline/pending-record';
import { ProducerClosedError } from './producer-errors';
import type { ProducerOptions } from './producer-options';
import { ProducerPipeline } from './pipeline/producer-pipeline';
import { ProducerStats, publishLatency, type ProducerStatsSnapshot } from './producer-stats';
import type { PutRecordsTransport } from './transport/put-records-transport';
import { ShardMap } from './aggregation/shard-map';
import { toPendingRecord, type UserRecordInput } from './pipeline/user-record-input';

export interface Clock {
  now(): number;
  /**
   * Arms a one-shot timer (the flush of buffered records, the ListShards retry); absent: the global setTimeout. A test
   * clock fires them when it moves its time on, so a test never waits on wall-clock time.
   */
  setTimer?(fn: () => void, ms: number): TimerHandle;
}

export interface TimerHandle {
  cancel(): void;
}

function realTimer(fn: () => void, ms: number): TimerHandle {
  const timer = setTimeout(fn, ms);
  return { cancel: () => clearTimeout(timer) };
}

export interface ProducerDeps {
  readonly transport: PutRecordsTransport;
  readonly options: ProducerOptions;
  readonly shardMap: ShardMap;
  readonly streamName: string;
  readonly metrics?: MetricsSink;
  readonly logger?: Logger;
  readonly clock?: Clock;
  readonly random?: () => number;
}

const LATENCY_PUBLISH_INTERVAL_MS = 60_000;
/** ListShards retries while records wait for a shard map: 1 s, doubling to 30 s (each waiting record still expires at its TTL). */
const LIST_SHARDS_RETRY: RetryPolicy = Object.freeze({
  maxAttempts: Infinity,
  baseDelayMs: 1_000,
  maxDelayMs: 30_000,
  jitter: 'none',
});

export class KinesisProducer {
  private readonly pipeline: ProducerPipeline;
  private readonly counters = new ProducerStats();
  private readonly hashes = new HashKeyCache();
  private readonly pressure: BackPressure;
  private readonly clock: Clock;
  private readonly metrics: MetricsSink;
  private readonly logger: Logger;
  private readonly dimensions: Readonly<Record<string, string>>;
  private inFlight = 0;
  private flushing = 0;
  private closed = false;
  private timer: TimerHandle | undefined;
  /** The pending ListShards retry, cancelled on close. */
  private shardMapRetry: TimerHandle | undefined;
  private timerAt = Infinity;
  private refreshing: Promise<void> | undefined;
  private listShardsFailures = 0;
  private idleWaiters: (() => void)[] = [];
  private lastLatencyPublish: number;

  public constructor(private readonly deps: ProducerDeps) {
    this.clock = deps.clock ?? Date;
    this.metrics = deps.metrics ?? new NullMetricsSink();
    this.logger = (deps.logger ?? new NullLogger()).child({ component: 'producer', streamName: deps.streamName });
    this.dimensions = { [DIMENSION.stream]: deps.streamName };
    this.pressure = new BackPressure(deps.options.maxBufferedRecords, deps.options.maxBufferedBytes);
    this.lastLatencyPublish = this.clock.now();
    this.pipeline = new ProducerPipeline({
      options: deps.options,
      shardMap: deps.shardMap,
      stats: this.counters,
      metrics: this.metrics,
      dimensions: this.dimensions,
      random: deps.random ?? Math.random,
      onSettled: (user) => this.settled(user.sizeBytes),
    });
  }

  /** Resolves once Kinesis accepted the user record; rejects with RecordExpiredError, RecordRejectedError or InvalidUserRecordError. */
  public put(input: UserRecordInput): Promise<PutResult> {
    if (this.closed) return Promise.reject(new ProducerClosedError());
    const wait = this.pressure.room();
    return wait === undefined ? this.enqueue(input) : wait.then(() => this.enqueue(input));
  }

  /** Resolves when the buffer has room, so a caller that does not await each put() can still respect back-pressure. */
  public async waitForCapacity(): Promise<void> {
    await this.pressure.room();
  }

  /** Sends everything buffered and resolves when every user record put so far (and meanwhile) is settled. */
  public async flush(): Promise<void> {
    if (this.pressure.isEmpty) return;
    this.flushing += 1;
    try {
      const idle = new Promise<void>((resolve) => this.idleWaiters.push(resolve));
      this.pump();
      await idle;
    } finally {
      this.flushing -= 1;
    }
  }

  /** Flushes, then refuses further puts and publishes the final metrics. */
  public async close(): Promise<void> {
    if (this.closed) return;
    await this.flush();
    this.closed = true;
    this.clearTimer();
    this.shardMapRetry?.cancel();
    publishLatency(this.metrics, this.dimensions, this.stats());
    await this.metrics.flush();
  }

  public stats(): ProducerStatsSnapshot {
    return this.counters.snapshot(this.pressure.bufferedRecords);
  }

  private enqueue(input: UserRecordInput): Promise<PutResult> {
    if (this.closed) return Promise.reject(new ProducerClosedError());
    return new Promise<PutResult>((resolve, reject) => {
      const pending = toPendingRecord(
        input,
        this.clock.now(),
        this.deps.options.recordTtl,
        resolve,
        reject,
        this.hashes,
      );
      this.pressure.acquire(pending.sizeBytes);
      this.pipeline.add(pending);
      if (this.pipeline.hasFullRequest()) this.pump();
      else this.arm(pending.arrivedAt + this.deps.options.recordMaxBufferedTime);
    });
  }

  private settled(bytes: number): void {
    this.pressure.release(bytes);
    if (this.pressure.isEmpty && this.idleWaiters.length > 0) {
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const resolve of waiters) resolve();
    }
  }

  private pump(): void {
    const now = this.clock.now();
    while (this.inFlight < this.deps.options.maxConnections) {
      const batch = this.pipeline.takeBatch(now, this.flushing > 0);
      if (batch === undefined) break;
      this.send(batch);
    }
    this.arm(this.pipeline.nextWakeAt(now));
  }

  private send(batch: KinesisRecord[]): void {
    this.inFlight += 1;
    this.deps.transport
      .putRecords(batch.map((record) => record.entry))
      .then(
        (results) => {
          if (this.pipeline.complete(batch, results, this.clock.now())) this.refreshShardMap();
        },
        (error: unknown) => {
          const retryable = isRetryable(error);
          this.logger.warn('PutRecords request failed', { records: batch.length, retryable, error: String(error) });
          this.pipeline.failRequest(batch, error, retryable, this.clock.now());
        },
      )
      .finally(() => {
        this.inFlight -= 1;
        this.maybePublishLatency();
        this.pump();
      });
  }

  private refreshShardMap(): void {
    if (this.refreshing !== undefined) return;
    let failed = false;
    this.refreshing = this.deps.transport
      .listShards()
      .then(
        (shards) => {
          this.listShardsFailures = 0;
          const map = new ShardMap(shards);
          this.logger.info('shard map refreshed', { openShards: map.openShardCount });
          this.pipeline.setShardMap(map, this.clock.now());
        },
        (error: unknown) => {
          failed = true;
          this.listShardsFailures += 1;
          // Not retryable (access denied, no such stream): still retried, as records wait, but said loudly.
          const retryable = isRetryable(error);
          const log = retryable ? this.logger.warn.bind(this.logger) : this.logger.error.bind(this.logger);
          log('ListShards failed; retrying', { error: String(error), attempt: this.listShardsFailures, retryable });
        },
      )
      .finally(() => {
        this.refreshing = undefined;
        if (this.pipeline.awaitingShardMap > 0) {
          if (failed)
            this.shardMapRetry = this.setTimer(
              () => {
                this.shardMapRetry = undefined;
                this.refreshShardMap();
              },
              backoffDelayMs(LIST_SHARDS_RETRY, this.listShardsFailures),
            );
          else this.refreshShardMap();
        }
        this.pump();
      });
  }

  private arm(at: number): void {
    if (at === Infinity || this.closed) return;
    if (this.timer !== undefined && this.timerAt <= at) return;
    this.clearTimer();
    this.timerAt = at;
    this.timer = this.setTimer(
      () => {
        this.timer = undefined;
        this.timerAt = Infinity;
        this.pump();
      },
      Math.max(0, at - this.clock.now()),
    );
  }

  private setTimer(fn: () => void, ms: number): TimerHandle {
    return this.clock.setTimer === undefined ? realTimer(fn, ms) : this.clock.setTimer(fn, ms);
  }

  private clearTimer(): void {
    this.timer?.cancel();
    this.timer = undefined;
    this.timerAt = Infinity;
  }

  private maybePublishLatency(): void {
    const now = this.clock.now();
    if (now - this.lastLatencyPublish < LATENCY_PUBLISH_INTERVAL_MS) return;
    this.lastLatencyPublish = now;
    publishLatency(this.metrics, this.dimensions, this.stats());
  }
}
