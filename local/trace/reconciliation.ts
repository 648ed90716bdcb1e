// Reconciles what was produced with what the archive and the table hold: counts, duplicates, missing ids, identity agreement, latency.
import { percentileOfSorted } from '../../common/percentile';
import type { DeliveredLine, DeliveredRow } from './delivery-reader';
import type { TracedRecord } from './traced-producer';

export interface Reconciliation {
  readonly produced: number;
  /** Produced ids found in the archive / in the table (each counted once). */
  readonly archived: number;
  readonly loaded: number;
  /** Extra copies of an id, archive and table together. */
  readonly duplicates: number;
  /** Produced ids absent from the archive or from the table. */
  readonly missing: number;
  readonly p50LatencyMs: number;
  readonly p95LatencyMs: number;
  readonly details: {
    readonly archiveDuplicates: number;
    readonly tableDuplicates: number;
    readonly missingFromArchive: readonly string[];
    readonly missingFromTable: readonly string[];
    /** Lines or rows of this run whose id was never produced (or whose data is not a traced tweet). */
    readonly unexpected: number;
    /** Ids whose shard/sequence/sub-sequence differ between producer, archive and table. */
    readonly identityMismatches: readonly string[];
  };
}

const identityOf = (shardId: string, sequenceNumber: string, sub: number | undefined): string =>
  `${shardId}/${sequenceNumber}/${sub ?? 0}`;

/** The payload id of an archive line holding a traced tweet, or undefined. */
export function payloadId(line: DeliveredLine['line']): string | undefined {
  if (line.dataEncoding !== 'utf8') return undefined;
  try {
    const json = JSON.parse(line.data) as { id?: unknown };
    return typeof json.id === 'string' ? json.id : undefined;
  } catch {
    return undefined;
  }
}

export function reconcile(
  produced: readonly TracedRecord[],
  lines: readonly DeliveredLine[],
  rows: readonly DeliveredRow[],
): Reconciliation {
  const byId = new Map(produced.map((r) => [r.id, r]));
  const archive = new Map<string, string[]>();
  const table = new Map<string, DeliveredRow[]>();
  let unexpected = 0;
  for (const { line } of lines) {
    const id = payloadId(line);
    if (id === undefined || !byId.has(id)) {
      unexpected += 1;
      continue;
    }
    archive.set(id, [
      ...(archive.get(id) ?? []),
      identityOf(line.shardId, line.sequenceNumber, line.subSequenceNumber),
    ]);
  }
  for (const row of rows) {
    if (!byId.has(row.postId)) {
      unexpected += 1;
      continue;
    }
    table.set(row.postId, [...(table.get(row.postId) ?? []), row]);
  }
  const extra = (m: Map<string, readonly unknown[]>): number =>
    [...m.values()].reduce((n, copies) => n + copies.length - 1, 0);
  const missingFromArchive = produced.filter((r) => !archive.has(r.id)).map((r) => r.id);
  const missingFromTable = produced.filter((r) => !table.has(r.id)).map((r) => r.id);
  const identityMismatches: string[] = [];
  const latencies: number[] = [];
  for (const record of produced) {
    const put = identityOf(record.result.shardId, record.result.sequenceNumber, record.result.subSequenceNumber);
    const archived = archive.get(record.id) ?? [];
    const loaded = (table.get(record.id) ?? []).map((r) =>
      identityOf(r.shardId, r.sequenceNumber, r.subSequenceNumber),
    );
    if ([...archived, ...loaded].some((identity) => identity !== put)) identityMismatches.push(record.id);
    const row = table.get(record.id)?.[0];
    if (row !== undefined) latencies.push(Math.max(0, row.loadedAtMs - record.producedAtMs));
  }
  latencies.sort((a, b) => a - b);
  return {
    produced: produced.length,
    archived: archive.size,
    loaded: table.size,
    duplicates: extra(archive) + extra(table),
    missing: new Set([...missingFromArchive, ...missingFromTable]).size,
    p50LatencyMs: percentileOfSorted(latencies, 0.5),
    p95LatencyMs: percentileOfSorted(latencies, 0.95),
    details: {
      archiveDuplicates: extra(archive),
      tableDuplicates: extra(table),
      missingFromArchive,
      missingFromTable,
      unexpected,
      identityMismatches,
    },
  };
}
