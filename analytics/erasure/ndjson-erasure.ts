// Erases the target from the raw archive or the dead letters: each object holding it rewritten under its own key.
import { gunzipSync, gzipSync } from 'node:zlib';
import type { BucketStore } from '../curated-bucket';
import { emptyStoreErasure, type StoreErasure } from './erasure-report';
import { targetNeedles, type ForgetTarget } from './forget-target';
import { scrubLines, type LineFormat } from './line-scrub';

export interface NdjsonErasureOptions {
  /** `raw/` or `errors/raw/`: every `.jsonl` / `.jsonl.gz` object under it is read. */
  readonly prefix: string;
  readonly format: LineFormat;
  /** Keys a progress object names as pending (archive-progress.ts): written empty rather than deleted. */
  readonly pendingKeys: ReadonlySet<string>;
  readonly dryRun: boolean;
  readonly onObject?: (key: string, done: number, total: number) => void;
  /** The identities of the lines dropped from one object (dead letters: their redrive ledger entries go too). */
  readonly onLinesRemoved?: (key: string, identities: readonly string[]) => void;
}

/*
 * Why the archive stays exactly once after an erasure. The progress objects hold a per-shard high-water mark and
 * the key of the last object written (archive-progress.ts); an erasure changes neither: every object keeps its key
 * (named by the first and last identity it was written for, which still bound what it holds), the high-water mark
 * still covers the erased records, so a replay from the stream skips them instead of writing them again, and an
 * object a progress object names as pending is written empty rather than deleted, so recovery's HEAD still finds it.
 * Other objects left empty are deleted. Every other line is kept as the same string, so after decompression the
 * object is byte-identical except for the lines of the target (the gzip bytes differ: it is compressed again).
 */
export async function eraseFromNdjson(
  store: BucketStore,
  target: ForgetTarget,
  options: NdjsonErasureOptions,
): Promise<StoreErasure> {
  const report = emptyStoreErasure();
  const needles = targetNeedles(target);
  const objects = (await store.list(options.prefix)).filter(
    (object) => object.key.endsWith('.jsonl') || object.key.endsWith('.jsonl.gz'),
  );
  for (const [i, object] of objects.entries()) {
    options.onObject?.(object.key, i + 1, objects.length);
    const bytes = await store.get(object.key);
    if (bytes === undefined) continue;
    report.objectsScanned += 1;
    const gzip = object.key.endsWith('.gz');
    const result = scrubLines((gzip ? gunzipSync(bytes) : bytes).toString('utf8'), options.format, target, needles);
    report.unreadableAggregates += result.unreadableAggregates;
    if (result.unreadableAggregates > 0) report.unreadableKeys.push(object.key);
    if (result.text === undefined) continue;
    report.recordsRemoved += result.linesRemoved;
    report.aggregateRecordsEmptied += result.recordsEmptied;
    report.keys.push(object.key);
    if (result.removedIdentities.length > 0) options.onLinesRemoved?.(object.key, result.removedIdentities);
    const empty = result.linesKept === 0;
    if (empty) report.objectsEmptied += 1;
    else report.objectsRewritten += 1;
    if (options.dryRun) continue;
    if (empty && !options.pendingKeys.has(object.key)) {
      await store.delete(object.key);
      continue;
    }
    const text = Buffer.from(result.text, 'utf8');
    await store.put(object.key, gzip ? gzipSync(text, { level: 6 }) : text, {
      contentType: gzip ? 'application/gzip' : 'application/x-ndjson',
    });
  }
  return report;
}
