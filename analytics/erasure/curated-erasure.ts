// Erases the target from the curated dataset: each Parquet object holding its posts rewritten under its own key.
import { joinKey } from '../../consumer/sinks/s3/archive-layout';
import { CURATED_POSTS } from '../../consumer/sinks/curated/curated-tables';
import type { BucketStore } from '../curated-bucket';
import { rewriteParquetObject } from '../curated-rewrite';
import { emptyStoreErasure, type StoreErasure } from './erasure-report';
import type { ForgetTarget } from './forget-target';

const column = (name: string): number => CURATED_POSTS.columns.findIndex((c) => c.name === name);
const AT = { postId: column('post_id'), user: column('user_name'), source: column('source') };

export interface CuratedErasureOptions {
  /** CURATED_PREFIX: the posts table lies under `<prefix>/posts/` (batch and compacted objects alike). */
  readonly prefix: string;
  /** Keys the curated progress objects name as pending: written with no rows rather than deleted. */
  readonly pendingKeys: ReadonlySet<string>;
  readonly dryRun: boolean;
  readonly onObject?: (key: string, done: number, total: number) => void;
}

/**
 * Same argument as the archive (ndjson-erasure.ts): keys, high-water marks and pending objects stay as they are, so
 * the curated sink's exactly-once recovery and compaction's manifests see what they expect. Vehicle readings hold no
 * person and are not read.
 */
export async function eraseFromCurated(
  store: BucketStore,
  target: ForgetTarget,
  options: CuratedErasureOptions,
): Promise<StoreErasure> {
  const report = emptyStoreErasure();
  const objects = (await store.list(`${joinKey(options.prefix, CURATED_POSTS.name)}/`)).filter((object) =>
    object.key.endsWith('.parquet'),
  );
  for (const [i, object] of objects.entries()) {
    options.onObject?.(object.key, i + 1, objects.length);
    const result = await rewriteParquetObject(store, CURATED_POSTS, object.key, {
      transform: (rows) => {
        const kept = rows.filter((row) => !rowMatches(row, target));
        return kept.length === rows.length ? rows : kept;
      },
      pendingKeys: options.pendingKeys,
      dryRun: options.dryRun,
    });
    if (result === undefined) continue;
    report.objectsScanned += 1;
    if (result.rowsBefore === result.rowsAfter) continue;
    report.recordsRemoved += result.rowsBefore - result.rowsAfter;
    report.keys.push(object.key);
    if (result.rowsAfter === 0) report.objectsEmptied += 1;
    else report.objectsRewritten += 1;
  }
  return report;
}

function rowMatches(row: readonly unknown[], target: ForgetTarget): boolean {
  if (row[AT.source] !== target.source) return false;
  const postId = row[AT.postId];
  const user = row[AT.user];
  return (
    (typeof postId === 'string' && target.postIds.has(postId)) || (typeof user === 'string' && target.users.has(user))
  );
}
