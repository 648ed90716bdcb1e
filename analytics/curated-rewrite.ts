// Rewrites one curated Parquet object in place (same key) through a row transform: erasure drops rows, a re-score replaces scores.
import { parquetBytes, parquetRows } from '../consumer/sinks/curated/parquet-file';
import type { CuratedRow, CuratedTable } from '../consumer/sinks/curated/curated-tables';
import type { BucketStore } from './curated-bucket';

export interface ParquetRewrite {
  /** The object's rows (stream order) -> the rows to keep; return the same array when nothing changes. */
  readonly transform: (rows: readonly CuratedRow[]) => readonly CuratedRow[];
  /** Keys a progress object names as pending (archive-progress.ts): kept with no rows rather than deleted. */
  readonly pendingKeys: ReadonlySet<string>;
  readonly dryRun: boolean;
}

export interface ParquetRewriteResult {
  readonly rowsBefore: number;
  readonly rowsAfter: number;
  /** True when the object was (or, on a dry run, would be) written again or deleted. */
  readonly changed: boolean;
}

/**
 * Reads the object, applies the transform and writes the result under the same key when it changed (an object left
 * with no rows is deleted unless pending). Undefined when the key no longer exists (compaction removed it meanwhile).
 */
export async function rewriteParquetObject(
  store: BucketStore,
  table: CuratedTable,
  key: string,
  rewrite: ParquetRewrite,
): Promise<ParquetRewriteResult | undefined> {
  const bytes = await store.get(key);
  if (bytes === undefined) return undefined;
  const rows = await parquetRows(table, bytes, key);
  const kept = rewrite.transform(rows);
  const changed = kept !== rows;
  const result = { rowsBefore: rows.length, rowsAfter: kept.length, changed };
  if (!changed || rewrite.dryRun) return result;
  if (kept.length === 0 && !rewrite.pendingKeys.has(key)) await store.delete(key);
  else await store.put(key, parquetBytes(table, kept), { contentType: 'application/vnd.apache.parquet' });
  return result;
}
