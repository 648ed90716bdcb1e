// Finds the closed hours of every curated table and compacts each (hour-compaction.ts), saying what it did per hour.
import { joinKey } from '../../consumer/sinks/s3/archive-layout';
import { pendingKeyOf } from '../../consumer/sinks/s3/archive-progress';
import { CURATED_TABLES } from '../../consumer/sinks/curated/curated-tables';
import type { BucketStore } from '../curated-bucket';
import { compactHour, type HourCompactionOptions, type HourResult } from './hour-compaction';

export interface CompactionRun extends HourCompactionOptions {
  /** An hour is closed once it ended this long before now. */
  readonly closedAfterMs: number;
  /** Only hours starting at or after this (epoch ms); undefined: every hour found. */
  readonly sinceMs?: number;
}

/** Compacts every closed hour (oldest first), calling `onHour` after each; resolves with all results. */
export async function compactCurated(
  store: BucketStore,
  run: CompactionRun,
  onHour: (result: HourResult) => void = () => undefined,
): Promise<HourResult[]> {
  const pending = await pendingKeys(store, run.statePrefix);
  const results: HourResult[] = [];
  for (const table of CURATED_TABLES) {
    const listed = await store.list(`${joinKey(run.prefix, table.name)}/`);
    const folders = [...new Set(listed.map((object) => object.key.slice(0, object.key.lastIndexOf('/') + 1)))];
    for (const folder of folders) {
      const startMs = hourStartOf(folder);
      if (startMs === undefined) continue;
      if (startMs + 3_600_000 + run.closedAfterMs > run.nowMs) continue;
      if (run.sinceMs !== undefined && startMs < run.sinceMs) continue;
      const result = await compactHour(store, table, folder, pending, run);
      results.push(result);
      onHour(result);
    }
  }
  return results;
}

/** Epoch ms of `.../dt=YYYY-MM-DD/hour=HH/`, or undefined for a folder of another shape. */
export function hourStartOf(folder: string): number | undefined {
  const match = /dt=(\d{4})-(\d{2})-(\d{2})\/hour=(\d{2})\/$/.exec(folder);
  if (match === null) return undefined;
  const [, year, month, day, hour] = match.map(Number);
  return Date.UTC(year, month - 1, day, hour);
}

/** Every object a shard's progress names as pending (the sink's own state objects, `<state-prefix>/<shard>.json`). */
export async function pendingKeys(store: BucketStore, statePrefix: string): Promise<Set<string>> {
  const keys = new Set<string>();
  const prefix = `${joinKey(statePrefix)}/`;
  for (const object of await store.list(prefix)) {
    if (object.key.slice(prefix.length).includes('/')) continue;
    const bytes = await store.get(object.key);
    const pending = bytes === undefined ? null : pendingKeyOf(object.key, bytes);
    if (pending !== null) keys.add(pending);
  }
  return keys;
}
