// The raw archive sink: one gzip'd NDJSON object per batch under Firehose-style hour folders, every record exactly once.
import { PerShardQueue } from '../per-shard-queue';
import { describeError, RetriesExhaustedError, ToolkitError } from '../../../common/errors';
import { isRetryable } from '../../../common/is-retryable';
import type { Logger } from '../../../common/logger';
import { compareIdentity, type UserRecord } from '../../../common/user-record';
import type { Rejection } from '../../decode/decoded-record';
import type { Sink, SinkBatch } from '../sink';
import { SinkWriteError } from '../sink-errors';
import { archiveBody } from './archive-body';
import { archiveObjectKey } from './archive-layout';
import { ArchiveProgress } from './archive-progress';
import { writeDeadLetters, writeRefusedRecords } from './dead-letter';
import type { ObjectStore } from './object-store';

export interface S3ArchiveSinkOptions {
  readonly prefix: string;
  readonly errorPrefix: string;
  /** Where the per-shard progress objects live (see archive-progress.ts); keep it outside `prefix`. */
  readonly statePrefix: string;
  readonly gzip: boolean;
  readonly logger: Logger;
}

export class S3ArchiveSink implements Sink {
  public readonly name = 's3-archive';
  private readonly progress: ArchiveProgress;
  /** One write at a time per shard: the high-water mark argument needs writes in stream order. */
  private readonly queue = new PerShardQueue();

  public constructor(
    private readonly store: ObjectStore,
    private readonly options: S3ArchiveSinkOptions,
  ) {
    this.progress = new ArchiveProgress(store, options.statePrefix);
  }

  public write(batch: SinkBatch): Promise<void> {
    return this.queue.run(batch.shardId, () =>
      this.writeInOrder(batch).catch((error: unknown) => {
        throw this.wrap(error);
      }),
    );
  }

  /** Dead letters of records another sink refused as data: one object per record, safe to repeat (dead-letter.ts). */
  public async writeRejected(rejections: readonly Rejection[]): Promise<void> {
    try {
      await writeRefusedRecords(this.store, this.options.errorPrefix, rejections);
    } catch (error: unknown) {
      throw this.wrap(error);
    }
  }

  public close(): Promise<void> {
    return this.queue.drain();
  }

  private async writeInOrder(batch: SinkBatch): Promise<void> {
    const { shardId } = batch;
    const highWater = await this.progress.highWaterMark(shardId);
    const fresh = batch.records.filter((record) => !ArchiveProgress.isArchived(record, highWater));
    const freshRejections = batch.rejections.filter(
      (rejection) => !ArchiveProgress.isArchived(rejection.record, highWater),
    );
    const logger = this.options.logger;
    if (fresh.length < batch.records.length)
      logger.info('skipping records already archived', {
        shardId,
        skipped: batch.records.length - fresh.length,
        highWater,
      });
    const first = fresh[0];
    const last = fresh[fresh.length - 1];
    if (first === undefined || last === undefined) return;
    const key = archiveObjectKey(
      this.options.prefix,
      shardId,
      first,
      last,
      first.approximateArrivalTimestamp,
      this.options.gzip,
    );
    // The highest identity, not the last: nested identities of a record aggregated twice sort after its single-level ones.
    const highest = fresh.reduce((top, record) => (compareIdentity(record, top) > 0 ? record : top), last);
    const position = { sequenceNumber: highest.sequenceNumber, subSequenceNumber: highest.subSequenceNumber };
    try {
      // Dead letters before the data object (its PUT is the commit), in parallel with the progress object: both are
      // safe to repeat (dead-letter.ts says why), so a batch with rejections costs no extra round trip.
      await Promise.all([
        this.progress.markPending(shardId, key, position),
        writeDeadLetters(this.store, this.options.errorPrefix, freshRejections),
      ]);
      await this.store.put(key, () => archiveBody(fresh, this.options.gzip), { contentType: this.contentType() });
    } catch (error: unknown) {
      this.progress.forget(shardId);
      throw error;
    }
    this.progress.committed(shardId, position);
    logger.debug('archived batch', {
      shardId,
      key,
      records: fresh.length,
      rejections: freshRejections.length,
      bytes: dataBytes(fresh),
    });
  }

  /** Our own errors pass through (a corrupt progress object stays non-retryable); S3 failures become a retryable SinkWriteError. */
  private wrap(error: unknown): unknown {
    if (error instanceof ToolkitError && !(error instanceof RetriesExhaustedError)) return error;
    const retryable = error instanceof RetriesExhaustedError || isRetryable(error);
    return new SinkWriteError(this.name, `archive write failed: ${describeError(error)}`, { retryable, cause: error });
  }

  private contentType(): string {
    return this.options.gzip ? 'application/gzip' : 'application/x-ndjson';
  }
}

function dataBytes(records: readonly UserRecord[]): number {
  return records.reduce((sum, record) => sum + record.data.length, 0);
}
