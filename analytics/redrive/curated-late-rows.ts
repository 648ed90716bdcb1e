// A sink for rows that arrive late (redriven dead letters, redriven Lambda failures): the curated dataset gets each row once, whatever the shard's high-water mark.
import { identityKey, type RecordIdentity, type UserRecord } from '../../common/user-record';
import { hourFolder, isCompactedKey } from '../../consumer/sinks/curated/curated-layout';
import {
  CURATED_POSTS,
  CURATED_VEHICLES,
  curatedPostRow,
  curatedVehicleRow,
  type CuratedTable,
} from '../../consumer/sinks/curated/curated-tables';
import { parquetBytes, parquetRows } from '../../consumer/sinks/curated/parquet-file';
import type { Sink, SinkBatch } from '../../consumer/sinks/sink';
import type { BucketStore } from '../curated-bucket';

/** Late objects are named `redrive-<shard>-<seq>-<sub>.parquet`: never a batch object's key (those start with the shard). */
export const LATE_PREFIX = 'redrive-';
const HOUR = 3_600_000;

/*
 * Why late rows land exactly once although the curated sink's high-water mark is already past them (CuratedSink would
 * skip them): before writing, the rows already in the dataset are read back from the hour folders that can hold them
 * (a batch object lies in the hour of its first row: the rows' hours and the hour before), and only the missing ones
 * are written, in one object per table named by the first of them. A rerun finds them and writes nothing; a crash
 * between this write and the ledger leaves them found next time. Compaction treats these objects as batch objects.
 */
export class CuratedLateRows implements Sink {
  public readonly name = 's3-curated-late';
  private readonly known = new Map<string, Set<string>>();

  public constructor(
    private readonly store: BucketStore,
    private readonly prefix: string,
  ) {}

  public async write(batch: SinkBatch): Promise<void> {
    await this.writeTable(CURATED_VEHICLES, batch.vehicles, (rows) => rows.map(curatedVehicleRow));
    await this.writeTable(CURATED_POSTS, batch.posts, (rows) => rows.map(curatedPostRow));
  }

  public close(): Promise<void> {
    return Promise.resolve();
  }

  private async writeTable<T extends { readonly record: UserRecord }>(
    table: CuratedTable,
    items: readonly T[],
    toRows: (items: readonly T[]) => ReturnType<typeof curatedPostRow>[],
  ): Promise<void> {
    const missing: T[] = [];
    for (const item of items) {
      const present = await this.identitiesNear(table, item.record);
      if (!present.has(identityKey(item.record))) missing.push(item);
    }
    const first = missing[0];
    if (first === undefined) return;
    const key = `${hourFolder(this.prefix, table.name, first.record.approximateArrivalTimestamp)}${lateName(first.record)}`;
    await this.store.put(key, parquetBytes(table, toRows(missing)), { contentType: 'application/vnd.apache.parquet' });
    const folder = hourFolder(this.prefix, table.name, first.record.approximateArrivalTimestamp);
    for (const item of missing) this.known.get(`${folder}|${first.record.shardId}`)?.add(identityKey(item.record));
  }

  /**
   * Identities of the table's rows of the record's shard in the hour of its arrival and the hour before (read once per
   * run): batch and late objects of that shard (their names start with it) and compacted objects (they mix shards).
   */
  private async identitiesNear(table: CuratedTable, record: UserRecord): Promise<Set<string>> {
    const all = new Set<string>();
    const shard = record.shardId.replace(/[^A-Za-z0-9._-]/g, '_');
    const mine = (name: string): boolean =>
      name.startsWith(`${shard}-`) || name.startsWith(`${LATE_PREFIX}${shard}-`) || isCompactedKey(name);
    for (const t of [record.approximateArrivalTimestamp - HOUR, record.approximateArrivalTimestamp]) {
      const folder = hourFolder(this.prefix, table.name, t);
      let ids = this.known.get(`${folder}|${record.shardId}`);
      if (ids === undefined) {
        ids = new Set<string>();
        for (const object of await this.store.list(folder)) {
          if (!object.key.endsWith('.parquet') || !mine(object.key.slice(object.key.lastIndexOf('/') + 1))) continue;
          const bytes = await this.store.get(object.key);
          if (bytes === undefined) continue;
          // The first three columns of both tables are the identity (table-spec.ts).
          for (const row of await parquetRows(table, bytes, object.key))
            ids.add(`${String(row[0])}/${String(row[1])}/${String(row[2])}`);
        }
        this.known.set(`${folder}|${record.shardId}`, ids);
      }
      for (const id of ids) all.add(id);
    }
    return all;
  }
}

function lateName(first: RecordIdentity): string {
  return `${LATE_PREFIX}${first.shardId.replace(/[^A-Za-z0-9._-]/g, '_')}-${first.sequenceNumber}-${first.subSequenceNumber}.parquet`;
}
