// The DeliveredRecordFilter the consumer installs: looks its shard's range up once, then drops aggregates outside it.
import type { Logger } from '../../common/logger';
import { describeError } from '../../common/errors';
import type { DeliveredRecord } from '../decode/record-decoder';
import type { DeliveredRecordFilter } from '../processor/delivered-record-filter';
import { filterOutsideRange, type HashKeyRange } from './shard-range-filter';

export interface ShardRangeGuardOptions {
  readonly lookup: (shardId: string) => Promise<HashKeyRange | undefined>;
  readonly logger: Logger;
  /** Lookup attempts before running unfiltered (at-least-once either way: unfiltered can only duplicate). */
  readonly attempts?: number;
  readonly retryDelayMs?: number;
  readonly sleep?: (ms: number) => Promise<void>;
}

export class ShardRangeGuard implements DeliveredRecordFilter {
  private range: HashKeyRange | undefined;
  private logger: Logger;
  private dropped = { aggregates: 0, records: 0 };

  public constructor(private readonly options: ShardRangeGuardOptions) {
    this.logger = options.logger;
  }

  public get droppedSoFar(): Readonly<{ aggregates: number; records: number }> { return this.dropped; }

  public async begin(shardId: string): Promise<void> {
    this.logger = this.options.logger.child({ shardId });
    this.range = undefined;
    const attempts = this.options.attempts ?? 3;
    const sleep = this.options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
    for (let attempt = 1; attempt <= attempts; attempt += 1) {
      try {
        this.range = await this.options.lookup(shardId);
        if (this.range !== undefined) {
          this.logger.info('shard range guard active', { startingHashKey: this.range.startingHashKey.toString(), endingHashKey: this.range.endingHashKey.toString() });
          return;
        }
      } catch (error: unknown) {
        this.logger.warn('shard range lookup failed', { attempt, error: describeError(error) });
      }
      if (attempt < attempts) await sleep((this.options.retryDelayMs ?? 250) * attempt);
    }
    this.logger.error('shard range unknown; aggregates outside the shard are not filtered (duplicates possible after a reshard)', { attempts });
  }

  public apply(records: readonly DeliveredRecord[]): readonly DeliveredRecord[] {
    if (this.range === undefined || records.length < 2) return records;
    const result = filterOutsideRange(records, this.range);
    if (result.droppedAggregates > 0) {
      this.dropped = { aggregates: this.dropped.aggregates + result.droppedAggregates, records: this.dropped.records + result.droppedRecords };
      this.logger.info('dropped aggregates outside the shard range (the producer resends them to the right shard)', { aggregates: result.droppedAggregates, records: result.droppedRecords });
    }
    return result.kept;
  }
}
