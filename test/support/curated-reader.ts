// Reads the curated dataset back for assertions: every row of a table under a prefix, from any ObjectStore-like source.
import type { S3Client } from '@aws-sdk/client-s3';
import { CURATED_POSTS, type CuratedRow, type CuratedTable } from '../../consumer/sinks/curated/curated-tables';
import { parquetRows } from '../../consumer/sinks/curated/parquet-file';
import { getObject, listKeys } from './stand-ins-archive';

/** `shard/sequence/sub` of each row (duplicates kept). */
export function rowIdentities(rows: readonly CuratedRow[]): string[] {
  return rows.map((row) => `${String(row[0])}/${String(row[1])}/${String(row[2])}`);
}

/** Rows of every object under `<prefix>/<table>/`, with the keys read. */
export async function readCuratedTable(
  s3: S3Client,
  bucket: string,
  prefix: string,
  table: CuratedTable = CURATED_POSTS,
): Promise<{ keys: string[]; rows: CuratedRow[] }> {
  const keys = await listKeys(s3, bucket, `${prefix}/${table.name}/`);
  const rows: CuratedRow[] = [];
  for (const key of keys) rows.push(...(await parquetRows(table, await getObject(s3, bucket, key), key)));
  return { keys, rows };
}
