// The curated dataset sink: each batch's scored posts and vehicle readings as Parquet, every row exactly once.
import { PerShardQueue } from '../per-shard-queue';
import { describeError, RetriesExhaustedError, ToolkitError } from '../../../common/errors';
import { isRetryable } from '../../../common/is-retryable';
import type { Logger } from '../../../common/logger';
import { compareIdentity, type UserRecord } from '../../../common/user-record';
import { ArchiveProgress } from '../s3/archive-progress';
import type { ObjectStore } from '../s3/object-store';
import type { Sink, SinkBatch } from '../sink';
import { SinkWriteError } from '../sink-errors';
import { batchObjectKey } from './curated-layout';
import {
  CURATED_POSTS,
  CURATED_VEHICLES,
  curatedPostRow,
  curatedVehicleRow,
  type CuratedRow,
  type CuratedTable,
} from './curated-tables';
import { parquetBytes } from './parquet-file';

export interface CuratedSinkOptions {
  /** `<prefix>/posts/...` and `<prefix>/vehicle_readings/...` (see curated-layout.ts). */
  readonly prefix: string;
  /** Where the per-shard progress objects live (archive-progress.ts); keep it outside `prefix`. */
  readonly statePrefix: string;
  readonly logger: Logger;
}

interface PlannedObject {
  readonly key: string;
  readonly rows: number;
  body(): Buffer;
}

/*
 * Exactly once reuses the raw archive's progress mechanism (archive-progress.ts) under its own state prefix: a
 * per-shard high-water mark, a pending entry written before the commit object, recovery by HEAD of that object.
 * A batch makes up to two objects (vehicle readings, posts), each named by its own first row (curated-layout.ts).
 * The last one written is the commit named in the pending entry; the one before it is safe to repeat, as the dead
 * letters are beside the archive: the first row of a table after the high-water mark is the same whatever the cut, so
 * a replay overwrites that key with a prefix or a superset of the rows, and rows it no longer holds go into the next
 * batch's object, named by its own first row.
 */
export class CuratedSink implements Sink {
  public readonly name = 's3-curated';
  private readonly progress: ArchiveProgress;
  /** One write at a time per shard: the high-water mark argument needs writes in stream order. */
  private readonly queue = new PerShardQueue();

  public constructor(
    private readonly store: ObjectStore,
    private readonly options: CuratedSinkOptions,
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

  public close(): Promise<void> {
    return this.queue.drain();
  }

  private async writeInOrder(batch: SinkBatch): Promise<void> {
    const { shardId } = batch;
    const highWater = await this.progress.highWaterMark(shardId);
    const isNew = (record: UserRecord): boolean => !ArchiveProgress.isArchived(record, highWater);
    const fresh = batch.records.filter(isNew);
    const posts = batch.posts.filter((post) => isNew(post.record));
    const vehicles = batch.vehicles.filter((vehicle) => isNew(vehicle.record));
    const objects = [
      this.plan(CURATED_VEHICLES, vehicles, () => vehicles.map(curatedVehicleRow)),
      this.plan(CURATED_POSTS, posts, () => posts.map(curatedPostRow)),
    ].filter((object): object is PlannedObject => object !== undefined);
    const commit = objects[objects.length - 1];
    if (commit === undefined || fresh.length === 0) return;
    const last = fresh[fresh.length - 1];
    const highest = fresh.reduce((top, record) => (compareIdentity(record, top) > 0 ? record : top), last);
    const position = { sequenceNumber: highest.sequenceNumber, subSequenceNumber: highest.subSequenceNumber };
    const put = (object: PlannedObject): Promise<void> =>
      this.store.put(object.key, object.body(), { contentType: 'application/vnd.apache.parquet' });
    try {
      await Promise.all([this.progress.markPending(shardId, commit.key, position), ...objects.slice(0, -1).map(put)]);
      await put(commit);
    } catch (error: unknown) {
      this.progress.forget(shardId);
      throw error;
    }
    this.progress.committed(shardId, position);
    this.options.logger.debug('curated batch', {
      shardId,
      objects: objects.map((object) => ({ key: object.key, rows: object.rows })),
    });
  }

  private plan(
    table: CuratedTable,
    items: readonly { readonly record: UserRecord }[],
    rows: () => CuratedRow[],
  ): PlannedObject | undefined {
    const first = items[0];
    if (first === undefined) return undefined;
    return {
      key: batchObjectKey(this.options.prefix, table.name, first.record),
      rows: items.length,
      body: () => parquetBytes(table, rows()),
    };
  }

  /** Our own errors pass through (a corrupt progress object stays non-retryable); S3 failures become a retryable SinkWriteError. */
  private wrap(error: unknown): unknown {
    if (error instanceof ToolkitError && !(error instanceof RetriesExhaustedError)) return error;
    const retryable = error instanceof RetriesExhaustedError || isRetryable(error);
    return new SinkWriteError(this.name, `curated write failed: ${describeError(error)}`, { retryable, cause: error });
  }
}
