// Compacts one closed hour of one curated table into a few large Parquet objects, exactly once and safe to rerun.
import { createHash } from 'node:crypto';
import { joinKey } from '../../consumer/sinks/s3/archive-layout';
import { COMPACTED_PREFIX, isCompactedKey } from '../../consumer/sinks/curated/curated-layout';
import type { CuratedRow, CuratedTable } from '../../consumer/sinks/curated/curated-tables';
import { parquetBytes, parquetRows } from '../../consumer/sinks/curated/parquet-file';
import type { BucketStore, ListedObject } from '../curated-bucket';
import { CompactionStateError } from './compaction-errors';

export interface HourCompactionOptions {
  readonly prefix: string;
  readonly statePrefix: string;
  /** Rows per compacted object (the last takes the rest). */
  readonly maxRowsPerObject: number;
  /** Objects written less than this long ago are left for the next run (a batch may still be in flight). */
  readonly minObjectAgeMs: number;
  readonly nowMs: number;
  readonly dryRun: boolean;
}

export interface HourResult {
  readonly table: string;
  readonly folder: string;
  readonly action: 'compacted' | 'resumed' | 'skipped' | 'would-compact';
  readonly inputs: number;
  readonly outputs: number;
  readonly rows: number;
  /** Rows that appeared twice (same shard, sequence and sub-sequence) and were kept once. */
  readonly duplicatesDropped: number;
  readonly reason?: string;
}

/** The plan written before any output, so a rerun after a crash finishes the same compaction instead of starting another. */
interface Manifest {
  readonly version: 1;
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
}

/*
 * Why compaction never loses or doubles a row, however often it is run or wherever it stops:
 * 1. The manifest (inputs, outputs) is written before any output; outputs are named by a hash of the input keys.
 * 2. Outputs are written, then the inputs deleted, then the manifest. Inputs are deleted only once every output exists.
 * 3. A run that finds a manifest finishes it: outputs missing are rebuilt from the inputs (all still there by 2), then
 *    the inputs are deleted. Between writing outputs and deleting inputs, a reader sees both: seconds, documented.
 * 4. Only batch objects make an hour worth compacting; previous outputs join them as inputs, so late batches merge in.
 * 5. The object a shard's progress names as pending is never an input: the sink's recovery HEADs it (archive-progress.ts).
 */
export async function compactHour(
  store: BucketStore,
  table: CuratedTable,
  folder: string,
  pendingKeys: ReadonlySet<string>,
  options: HourCompactionOptions,
): Promise<HourResult> {
  const manifestKey = manifestKeyOf(options, folder);
  const base = { table: table.name, folder, duplicatesDropped: 0 };
  const saved = await store.get(manifestKey);
  if (saved !== undefined) {
    const manifest = parseManifest(manifestKey, saved);
    if (options.dryRun)
      return {
        ...base,
        action: 'would-compact',
        inputs: manifest.inputs.length,
        outputs: 0,
        rows: 0,
        reason: 'resume',
      };
    const result = await finish(store, table, manifest, manifestKey, options);
    return { ...base, action: 'resumed', ...result };
  }
  const listed = await store.list(folder);
  const inputs = listed.filter((object) => eligible(object, pendingKeys, options)).map((object) => object.key);
  if (!inputs.some((key) => !isCompactedKey(key)) || inputs.length < 2) {
    const reason = inputs.length < listed.length ? 'pending or recent objects only' : 'already compact';
    return { ...base, action: 'skipped', inputs: 0, outputs: 0, rows: 0, reason };
  }
  const { rows, duplicatesDropped } = await mergedRows(store, table, inputs);
  const chunks = Math.max(1, Math.ceil(rows.length / options.maxRowsPerObject));
  const id = createHash('sha256').update(inputs.join('\n')).digest('hex').slice(0, 16);
  const outputs = Array.from(
    { length: chunks },
    (_, i) => `${folder}${COMPACTED_PREFIX}${id}-${String(i).padStart(4, '0')}.parquet`,
  );
  if (options.dryRun)
    return { ...base, action: 'would-compact', inputs: inputs.length, outputs: outputs.length, rows: rows.length };
  const manifest: Manifest = { version: 1, inputs, outputs };
  await store.put(manifestKey, Buffer.from(JSON.stringify(manifest), 'utf8'), { contentType: 'application/json' });
  await writeOutputs(store, table, outputs, rows, options.maxRowsPerObject);
  await removeInputs(store, manifest, manifestKey);
  return {
    ...base,
    action: 'compacted',
    inputs: inputs.length,
    outputs: outputs.length,
    rows: rows.length,
    duplicatesDropped,
  };
}

function eligible(object: ListedObject, pendingKeys: ReadonlySet<string>, options: HourCompactionOptions): boolean {
  return (
    object.key.endsWith('.parquet') &&
    !pendingKeys.has(object.key) &&
    object.lastModifiedMs <= options.nowMs - options.minObjectAgeMs
  );
}

async function finish(
  store: BucketStore,
  table: CuratedTable,
  manifest: Manifest,
  manifestKey: string,
  options: HourCompactionOptions,
): Promise<{ inputs: number; outputs: number; rows: number; duplicatesDropped: number }> {
  const present = await Promise.all(manifest.outputs.map((key) => store.exists(key)));
  let rows = 0;
  let duplicatesDropped = 0;
  if (present.some((exists) => !exists)) {
    const merged = await mergedRows(store, table, manifest.inputs);
    rows = merged.rows.length;
    duplicatesDropped = merged.duplicatesDropped;
    if (Math.max(1, Math.ceil(rows / options.maxRowsPerObject)) !== manifest.outputs.length)
      throw new CompactionStateError(manifestKey, 'the row count no longer matches the planned outputs');
    await writeOutputs(store, table, manifest.outputs, merged.rows, options.maxRowsPerObject);
  }
  await removeInputs(store, manifest, manifestKey);
  return { inputs: manifest.inputs.length, outputs: manifest.outputs.length, rows, duplicatesDropped };
}

async function mergedRows(
  store: BucketStore,
  table: CuratedTable,
  inputs: readonly string[],
): Promise<{ rows: CuratedRow[]; duplicatesDropped: number }> {
  const byIdentity = new Map<string, CuratedRow>();
  let total = 0;
  for (const key of inputs) {
    const bytes = await store.get(key);
    if (bytes === undefined)
      throw new CompactionStateError(key, 'an input disappeared before its outputs were written');
    for (const row of await parquetRows(table, bytes, key)) {
      total += 1;
      const identity = `${String(row[0])}/${String(row[1])}/${String(row[2])}`;
      if (!byIdentity.has(identity)) byIdentity.set(identity, row);
    }
  }
  const rows = [...byIdentity.values()].sort(compareRows);
  return { rows, duplicatesDropped: total - rows.length };
}

/** Stream order within a shard (sequence numbers compared as integers), shards by id. */
function compareRows(a: CuratedRow, b: CuratedRow): number {
  if (a[0] !== b[0]) return String(a[0]) < String(b[0]) ? -1 : 1;
  const seqA = BigInt(String(a[1]));
  const seqB = BigInt(String(b[1]));
  if (seqA !== seqB) return seqA < seqB ? -1 : 1;
  return Number(a[2]) - Number(b[2]);
}

async function writeOutputs(
  store: BucketStore,
  table: CuratedTable,
  outputs: readonly string[],
  rows: readonly CuratedRow[],
  maxRows: number,
): Promise<void> {
  for (const [i, key] of outputs.entries()) {
    const body = parquetBytes(table, rows.slice(i * maxRows, (i + 1) * maxRows));
    await store.put(key, body, { contentType: 'application/vnd.apache.parquet' });
  }
}

async function removeInputs(store: BucketStore, manifest: Manifest, manifestKey: string): Promise<void> {
  const outputs = new Set(manifest.outputs);
  for (const key of manifest.inputs) if (!outputs.has(key)) await store.delete(key);
  await store.delete(manifestKey);
}

/** `<state-prefix>/compaction/<table>/dt=.../hour=...json`, beside the sink's per-shard progress objects. */
export function manifestKeyOf(options: Pick<HourCompactionOptions, 'prefix' | 'statePrefix'>, folder: string): string {
  const relative = folder.slice(joinKey(options.prefix).length + 1).replace(/\/+$/, '');
  return joinKey(options.statePrefix, 'compaction', `${relative}.json`);
}

function parseManifest(key: string, bytes: Buffer): Manifest {
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new CompactionStateError(key, 'not JSON');
  }
  const manifest = value as Partial<Manifest> | null;
  const strings = (list: unknown): boolean => Array.isArray(list) && list.every((item) => typeof item === 'string');
  if (manifest === null || manifest.version !== 1 || !strings(manifest.inputs) || !strings(manifest.outputs))
    throw new CompactionStateError(key, 'not a compaction manifest of version 1');
  return manifest as Manifest;
}
