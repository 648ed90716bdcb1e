// A local stand-in for Lambda's Kinesis event source mapping: polls every shard (parents before children), invokes the handler with events in the service's shape, retries from reported failures and bisects thrown batches.
import {
  GetRecordsCommand,
  GetShardIteratorCommand,
  type KinesisClient,
  type Shard,
  type _Record,
} from '@aws-sdk/client-kinesis';
import type { KinesisStreamBatchResponse, KinesisStreamEvent, KinesisStreamRecord } from 'aws-lambda';
import { describeError } from '../../common/errors';
import type { Logger } from '../../common/logger';
import { listAllShards } from '../../common/aws/list-all-shards';
import { sleep } from '../../common/sleep';
import { kinesisEvent, kinesisEventRecord } from './lambda-kinesis-event';

/** The mapping's settings, named as in Lambda's CreateEventSourceMapping API. */
export interface EventSourceMappingOptions {
  readonly kinesis: KinesisClient;
  readonly streamName: string;
  readonly region: string;
  /** The function: returns batchItemFailures (FunctionResponseTypes = ReportBatchItemFailures) or throws. */
  readonly invoke: (event: KinesisStreamEvent) => Promise<KinesisStreamBatchResponse | void>;
  readonly logger: Logger;
  /** Records per invocation (Lambda's default for Kinesis: 100; maximum 10,000). */
  readonly batchSize?: number;
  /** Retries of a failing batch before its records go to `onFailure`; -1 (Lambda's default): until they expire. */
  readonly maximumRetryAttempts?: number;
  /** Split a batch whose invocation threw in two and invoke each half (splits do not count as retries). Default true. */
  readonly bisectBatchOnFunctionError?: boolean;
  /** The on-failure destination: records whose retries ran out. */
  readonly onFailure?: (records: readonly KinesisStreamRecord[], reason: string) => Promise<void>;
  /** How long an idle shard waits before the next GetRecords (Lambda polls each shard about once a second). */
  readonly pollIntervalMs?: number;
  /** Delay before retrying a failed batch. */
  readonly retryDelayMs?: number;
}

export interface EventSourceStats {
  invocations: number;
  records: number;
  retries: number;
  bisections: number;
  /** Records handed to onFailure after their retries ran out. */
  discarded: number;
  /** Shards read to their end (closed by a reshard). */
  finishedShards: number;
}

const DEFAULTS = { batchSize: 100, maximumRetryAttempts: -1, pollIntervalMs: 250, retryDelayMs: 200 };

/**
 * Reads the stream as Lambda's event source mapping does for the invariants this project relies on: one batch per
 * shard at a time, in order; a child shard only after its parents are read to their end; a response's
 * batchItemFailures make the next attempt start at the lowest reported sequence number (an identifier that is not in
 * the batch fails the whole batch); a thrown error bisects the batch. Not modelled: ParallelizationFactor, tumbling
 * windows, record age. For local runs and tests only.
 */
export class LocalKinesisEventSource {
  public readonly stats: EventSourceStats = {
    invocations: 0,
    records: 0,
    retries: 0,
    bisections: 0,
    discarded: 0,
    finishedShards: 0,
  };
  private readonly stop = new AbortController();
  private readonly started = new Set<string>();
  private readonly finished = new Set<string>();
  private readonly pollers: Array<Promise<void>> = [];
  private discovery: Promise<void> | undefined;
  private streamArn = '';

  public constructor(private readonly options: EventSourceMappingOptions) {}

  /** Starts discovering shards (every second) and polling each one. */
  public start(): void {
    this.discovery = this.discover();
  }

  /** Stops polling after the batches in flight; resolves when every poller has ended. */
  public async close(): Promise<void> {
    this.stop.abort();
    await this.discovery;
    await Promise.allSettled(this.pollers);
  }

  private async discover(): Promise<void> {
    const { signal } = this.stop;
    while (!signal.aborted) {
      try {
        const shards = await listAllShards(this.options.kinesis, this.options.streamName);
        const known = new Set(shards.map((s) => s.ShardId ?? ''));
        for (const shard of shards) this.maybeStart(shard, known);
      } catch (error: unknown) {
        this.options.logger.warn('event source: ListShards failed; retrying', { error: describeError(error) });
      }
      await sleep(1_000, signal);
    }
  }

  private maybeStart(shard: Shard, known: ReadonlySet<string>): void {
    const shardId = shard.ShardId ?? '';
    if (this.started.has(shardId)) return;
    // Parents no longer listed (expired) do not block their children.
    const parents = [shard.ParentShardId, shard.AdjacentParentShardId].filter(
      (p): p is string => p !== undefined && known.has(p),
    );
    if (!parents.every((p) => this.finished.has(p))) return;
    this.started.add(shardId);
    this.pollers.push(
      this.poll(shardId).catch((error: unknown) =>
        this.options.logger.error('event source: shard poller stopped', { shardId, error: describeError(error) }),
      ),
    );
  }

  private async poll(shardId: string): Promise<void> {
    const { kinesis, streamName } = this.options;
    const { signal } = this.stop;
    const batchSize = this.options.batchSize ?? DEFAULTS.batchSize;
    const idle = this.options.pollIntervalMs ?? DEFAULTS.pollIntervalMs;
    let iterator = (
      await kinesis.send(
        new GetShardIteratorCommand({ StreamName: streamName, ShardId: shardId, ShardIteratorType: 'TRIM_HORIZON' }),
      )
    ).ShardIterator;
    while (iterator !== undefined && !signal.aborted) {
      let page;
      try {
        page = await kinesis.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: batchSize }));
      } catch (error: unknown) {
        this.options.logger.warn('event source: GetRecords failed; retrying', { shardId, error: describeError(error) });
        await sleep(idle, signal);
        continue;
      }
      const records = page.Records ?? [];
      if (records.length > 0)
        await this.deliver(
          shardId,
          records.map((r) => this.toEventRecord(shardId, r)),
        );
      iterator = page.NextShardIterator;
      if (records.length === 0 && iterator !== undefined) await sleep(idle, signal);
    }
    if (iterator === undefined) {
      this.finished.add(shardId);
      this.stats.finishedShards += 1;
    }
  }

  private toEventRecord(shardId: string, record: _Record): KinesisStreamRecord {
    if (this.streamArn === '')
      this.streamArn = `arn:aws:kinesis:${this.options.region}:000000000000:stream/${this.options.streamName}`;
    return kinesisEventRecord(
      {
        shardId,
        sequenceNumber: record.SequenceNumber ?? '',
        partitionKey: record.PartitionKey ?? '',
        data: record.Data ?? new Uint8Array(),
        approximateArrivalTimestampMs: record.ApproximateArrivalTimestamp?.getTime() ?? Date.now(),
      },
      { region: this.options.region, streamArn: this.streamArn },
    );
  }

  /** Invokes until the batch succeeds, its retries run out (onFailure), or the source stops. */
  private async deliver(shardId: string, batch: readonly KinesisStreamRecord[]): Promise<void> {
    const maxRetries = this.options.maximumRetryAttempts ?? DEFAULTS.maximumRetryAttempts;
    const bisect = this.options.bisectBatchOnFunctionError ?? true;
    let remaining = batch;
    for (let attempt = 0; remaining.length > 0 && !this.stop.signal.aborted; attempt += 1) {
      if (attempt > 0) {
        if (maxRetries >= 0 && attempt > maxRetries) {
          this.stats.discarded += remaining.length;
          await this.options.onFailure?.(remaining, 'retries exhausted');
          return;
        }
        this.stats.retries += 1;
        await sleep(this.options.retryDelayMs ?? DEFAULTS.retryDelayMs, this.stop.signal);
      }
      this.stats.invocations += 1;
      let response: KinesisStreamBatchResponse | void;
      try {
        response = await this.options.invoke(kinesisEvent(remaining));
      } catch (error: unknown) {
        this.options.logger.warn('event source: invocation threw', {
          shardId,
          records: remaining.length,
          error: describeError(error),
        });
        if (bisect && remaining.length > 1) {
          this.stats.bisections += 1;
          const half = Math.ceil(remaining.length / 2);
          await this.deliver(shardId, remaining.slice(0, half));
          await this.deliver(shardId, remaining.slice(half));
          return;
        }
        continue;
      }
      const failures = response?.batchItemFailures ?? [];
      if (failures.length === 0) {
        this.stats.records += remaining.length;
        return;
      }
      const from = lowestReported(remaining, failures);
      this.stats.records += from;
      remaining = remaining.slice(from);
    }
  }
}

/** Index of the lowest reported sequence number in the batch; 0 (the whole batch) when one is not in it. */
function lowestReported(
  batch: readonly KinesisStreamRecord[],
  failures: KinesisStreamBatchResponse['batchItemFailures'],
): number {
  const indexes = failures.map((f) => batch.findIndex((r) => r.kinesis.sequenceNumber === f.itemIdentifier));
  return indexes.some((i) => i < 0) ? 0 : Math.min(...indexes);
}
