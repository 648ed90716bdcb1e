// Object keys of the curated dataset: `<prefix>/<table>/dt=YYYY-MM-DD/hour=HH/`, Hive-style so Athena and DuckDB see partitions.
import type { RecordIdentity } from '../../../common/user-record';
import { joinKey } from '../s3/archive-layout';

/** `dt=YYYY-MM-DD/hour=HH` of an epoch-millisecond time, in UTC. */
export function partitionPath(epochMs: number): string {
  const iso = new Date(epochMs).toISOString();
  return `dt=${iso.slice(0, 10)}/hour=${iso.slice(11, 13)}`;
}

/** `<prefix>/<table>/dt=.../hour=.../`: one hour's folder of one table (what compaction merges). */
export function hourFolder(prefix: string, table: string, epochMs: number): string {
  return `${joinKey(prefix, table, partitionPath(epochMs))}/`;
}

/**
 * `<prefix>/<table>/dt=.../hour=.../<shard>-<seq>-<sub>.parquet`, named by the batch's first row of that table and
 * placed in the hour of that row's arrival: the key depends on that one record only, so a replay cut differently
 * rewrites the same key with a prefix or a superset of the rows (see curated-sink.ts), never a second copy.
 */
export function batchObjectKey(
  prefix: string,
  table: string,
  first: RecordIdentity & { readonly approximateArrivalTimestamp: number },
): string {
  const shard = first.shardId.replace(/[^A-Za-z0-9._-]/g, '_');
  const name = `${shard}-${first.sequenceNumber}-${first.subSequenceNumber}.parquet`;
  return `${hourFolder(prefix, table, first.approximateArrivalTimestamp)}${name}`;
}

/** Compacted objects start with this; batch objects start with a shard id. */
export const COMPACTED_PREFIX = 'compacted-';

export function isCompactedKey(key: string): boolean {
  return key.slice(key.lastIndexOf('/') + 1).startsWith(COMPACTED_PREFIX);
}
