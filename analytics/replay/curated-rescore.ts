// After `replay --rescore`: the curated dataset's posts of the period get the new scores too, each object rewritten under its own key.
import { identityKey } from '../../common/user-record';
import { hourFolder } from '../../consumer/sinks/curated/curated-layout';
import { CURATED_POSTS, curatedPostRow, type CuratedRow } from '../../consumer/sinks/curated/curated-tables';
import type { ScoredPost } from '../../consumer/sinks/sink';
import type { BucketStore } from '../curated-bucket';
import { rewriteParquetObject } from '../curated-rewrite';
import type { ArchivePeriod } from './archive-period';

export interface CuratedRescore {
  /** Objects rewritten with new scores. */
  objects: number;
  /** Rows whose scores changed. */
  rows: number;
}

/** The curated rows of re-scored posts, by identityKey: exactly what the curated sink would write for them now. */
export function rescoredRows(
  posts: readonly ScoredPost[],
  into: Map<string, CuratedRow> = new Map(),
): Map<string, CuratedRow> {
  for (const post of posts) into.set(identityKey(post.record), curatedPostRow(post));
  return into;
}

/**
 * Reads the posts objects of the period's hour folders (and the hour before: an object lies in the hour of its first
 * row) and replaces each row found in `rows` by its new version; rows outside the period and objects without a change
 * stay as they are. Keys, row order and row count never change, so the sink's progress and compaction are unaffected.
 */
export async function rewriteCuratedScores(
  store: BucketStore,
  curatedPrefix: string,
  period: ArchivePeriod,
  rows: ReadonlyMap<string, CuratedRow>,
  onObject: (key: string, rows: number) => void = () => undefined,
): Promise<CuratedRescore> {
  const result: CuratedRescore = { objects: 0, rows: 0 };
  if (rows.size === 0) return result;
  const hour = 3_600_000;
  for (let t = Math.floor(period.fromMs / hour) * hour - hour; t < period.toMs; t += hour) {
    for (const object of await store.list(hourFolder(curatedPrefix, CURATED_POSTS.name, t))) {
      if (!object.key.endsWith('.parquet')) continue;
      let changed = 0;
      await rewriteParquetObject(store, CURATED_POSTS, object.key, {
        transform: (current) => {
          const next = current.map((row) => {
            const replacement = rows.get(`${String(row[0])}/${String(row[1])}/${String(row[2])}`);
            if (replacement === undefined || JSON.stringify(replacement) === JSON.stringify(row)) return row;
            changed += 1;
            return replacement;
          });
          return changed === 0 ? current : next;
        },
        pendingKeys: new Set(),
        dryRun: false,
      });
      if (changed === 0) continue;
      result.objects += 1;
      result.rows += changed;
      onObject(object.key, changed);
    }
  }
  return result;
}
