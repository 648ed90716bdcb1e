// The DeliveredRecordFilter the consumer installs: looks its shard's range up once, then drops aggregates outside it.
import type { Logger } from '../../common/logger';
import { describeError } from '../../common/errors';
import { retry, type RetryPolicy } from '../../common/retry';
import type { DeliveredRecord } from '../decode/record-decoder';
import type { DeliveredRecordFilter } from '../processor/delivered-record-filter';
import { ShardRangeUnknownError } from './reshard-errors';
import { filterOutsideRange, type HashKeyRange } from './shard-range-filter';

/** A lookup that has not answered by then counts as a failed attempt (initialize must not wait on a hung endpoint). */
const ATTEMPT_TIMEOUT_MS = 5_000;

export interface ShardRangeGuardOptions {
  readonly lookup: (shardId: string) => Promise<HashKeyRange | undefined>;
  readonly logger: Logger;
  /** Lookup attempts and waits before running unfiltered (at-least-once either way: unfiltered can only duplicate). */
  readonly retryPolicy?: RetryPolicy;
  readonly sleep?: (ms: number) => Promise<void>;
}

/**
 * Three attempts, 250 ms then 500 ms apart (no jitter: one lookup per shard, nothing to spread out, and the waits give a
 * child shard's lease time to appear): the lease or ListShards answers within the second or the shard runs unfiltered.
 */
export const SHARD_RANGE_LOOKUP_POLICY: RetryPolicy = Object.freeze({
  maxAttempts: 3,
  baseDelayMs: 250,
  maxDelayMs: 1_000,
  jitter: 'none',
});

export class ShardRangeGuard implements DeliveredRecordFilter {
  private range: HashKeyRange | undefined;
  private lookup: Promise<void> = Promise.resolve();
  /** The lookup has ended (found or given up): from then on a call needs no check of its own for aggregates. */
  private settled = false;
  private logger: Logger;
  private dropped = { aggregates: 0, records: 0 };

  public constructor(private readonly options: ShardRangeGuardOptions) {
    this.logger = options.logger;
  }

  public get droppedSoFar(): Readonly<{ aggregates: number; records: number }> {
    return this.dropped;
  }

  /** Starts the lookup and returns at once: initialize never waits on DynamoDB or Kinesis. */
  public async begin(shardId: string): Promise<void> {
    this.logger = this.options.logger.child({ shardId });
    this.range = undefined;
    this.settled = false;
    const lookup = this.resolve(shardId);
    this.lookup = lookup;
    void lookup.finally(() => {
      if (this.lookup === lookup) this.settled = true;
    });
  }

  /** Records without an aggregate among them pass at once; otherwise the lookup is awaited (bounded) and applied. */
  public async apply(records: readonly DeliveredRecord[]): Promise<readonly DeliveredRecord[]> {
    // While the lookup runs, only a call holding an aggregate waits for it; once it has ended, filterOutsideRange's own
    // count of sequence numbers passes a call without aggregates as it is.
    if (!this.settled) {
      if (!holdsAggregate(records)) return records;
      await this.lookup;
    }
    if (this.range === undefined) return records;
    const result = filterOutsideRange(records, this.range);
    if (result.droppedAggregates > 0) {
      this.dropped = {
        aggregates: this.dropped.aggregates + result.droppedAggregates,
        records: this.dropped.records + result.droppedRecords,
      };
      this.logger.info('dropped aggregates outside the shard range (the producer resends them to the right shard)', {
        aggregates: result.droppedAggregates,
        records: result.droppedRecords,
      });
    }
    return result.kept;
  }

  private async resolve(shardId: string): Promise<void> {
    const policy = this.options.retryPolicy ?? SHARD_RANGE_LOOKUP_POLICY;
    try {
      this.range = await retry(
        async () => {
          const range = await withTimeout(this.options.lookup(shardId), ATTEMPT_TIMEOUT_MS);
          if (range === undefined) throw new ShardRangeUnknownError(shardId);
          return range;
        },
        {
          policy,
          operation: 'shard range lookup',
          // Any failure may pass (a throttled or briefly unreachable table); the attempts are few and bounded.
          isRetryable: () => true,
          onRetry: (error, attempt) =>
            this.logger.warn('shard range lookup failed', { attempt, error: describeError(error) }),
          ...(this.options.sleep === undefined ? {} : { sleep: this.options.sleep }),
        },
      );
      this.logger.info('shard range guard active', {
        startingHashKey: this.range.startingHashKey.toString(),
        endingHashKey: this.range.endingHashKey.toString(),
      });
    } catch (error: unknown) {
      this.logger.error(
        'shard range unknown; aggregates outside the shard are not filtered (duplicates possible after a reshard)',
        { error: describeError(error) },
      );
    }
  }
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** True when two records share a sequence number: the sub-records of one aggregate. */
function holdsAggregate(records: readonly DeliveredRecord[]): boolean {
  const seen = new Set<string>();
  for (const r of records) {
    if (seen.has(r.sequenceNumber)) return true;
    seen.add(r.sequenceNumber);
  }
  return false;
}
