// The ids of one source's posts wherever they are stored: the warehouse, the curated dataset, the raw archive, the dead letters.
import { gunzipSync } from 'node:zlib';
import { joinKey } from '../../consumer/sinks/s3/archive-layout';
import { CURATED_POSTS } from '../../consumer/sinks/curated/curated-tables';
import { parquetRows } from '../../consumer/sinks/curated/parquet-file';
import { POST_COLUMNS as C } from '../../consumer/sinks/redshift/table-spec';
import type { BucketStore } from '../curated-bucket';
import type { ForgetLayout, ForgetStores } from './forget-run';
import { postIdOf } from './forget-target';
import { scrubLinesMatching, type LineFormat } from './line-scrub';

/** `warehouse`: one query (posts that never loaded or left by retention are missed); `stores`: every store read whole. */
export type IdSource = 'warehouse' | 'stores';

/**
 * Every distinct post id of `source`. With `stores` it also reads the curated dataset, the raw archive and the dead
 * letters, so posts the warehouse no longer holds (its retention is shorter) or never held (refused into the dead
 * letters, or inside a corrupt aggregate) are found too; it costs a read of every object, as forget does.
 */
export async function storedPostIds(
  stores: ForgetStores,
  layout: ForgetLayout,
  source: string,
  from: IdSource,
  progress: (line: string) => void,
): Promise<string[]> {
  const ids = new Set<string>();
  const rows = await stores.warehouse.query({
    name: 'stored-post-ids',
    text: `SELECT DISTINCT ${C.postId} AS id FROM ${layout.postsTable} WHERE ${C.source} = $1 AND ${C.postId} IS NOT NULL`,
    values: [source],
  });
  for (const row of rows) ids.add(String(row.id));
  progress(`warehouse: ${ids.size} ${source} post ids`);
  if (from === 'warehouse') return [...ids].sort();
  const column = (name: string): number => CURATED_POSTS.columns.findIndex((c) => c.name === name);
  const at = { id: column(C.postId), source: column(C.source) };
  const curated = await stores.curated.list(`${joinKey(layout.curated.prefix, CURATED_POSTS.name)}/`);
  for (const object of curated.filter((o) => o.key.endsWith('.parquet'))) {
    const bytes = await stores.curated.get(object.key);
    if (bytes === undefined) continue;
    for (const row of await parquetRows(CURATED_POSTS, bytes, object.key))
      if (row[at.source] === source && typeof row[at.id] === 'string') ids.add(row[at.id] as string);
  }
  progress(`curated dataset: ${ids.size} ids so far (${curated.length} objects)`);
  const collect = (payload: Uint8Array): boolean => {
    const id = postIdOf(payload, source);
    if (id !== undefined) ids.add(id);
    return false;
  };
  for (const [prefix, format] of [
    [layout.archive.prefix, 'archive'],
    [layout.archive.errorPrefix, 'dead-letter'],
  ] as const) {
    const objects = await readNdjsonObjects(stores.archive, `${joinKey(prefix)}/`, format, collect);
    progress(`${format === 'archive' ? 'raw archive' : 'dead letters'}: ${ids.size} ids so far (${objects} objects)`);
  }
  return [...ids].sort();
}

async function readNdjsonObjects(
  store: BucketStore,
  prefix: string,
  format: LineFormat,
  collect: (payload: Uint8Array) => boolean,
): Promise<number> {
  const objects = (await store.list(prefix)).filter((o) => o.key.endsWith('.jsonl') || o.key.endsWith('.jsonl.gz'));
  for (const object of objects) {
    const bytes = await store.get(object.key);
    if (bytes === undefined) continue;
    const text = (object.key.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
    scrubLinesMatching(text, format, collect, undefined);
  }
  return objects.length;
}
