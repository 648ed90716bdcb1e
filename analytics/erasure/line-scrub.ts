// Forgets the target's records in the text of one NDJSON object (raw archive or dead letters): every other line kept byte for byte.
import { archivedData, type ArchiveLine } from '../../consumer/sinks/s3/archive-line';
import { identityKey } from '../../common/user-record';
import { scrubAggregate } from './aggregate-scrub';
import { payloadMatches, type ForgetTarget } from './forget-target';

export interface LineScrubResult {
  /** The object's new text, or undefined when nothing changed. */
  readonly text: string | undefined;
  /** Lines dropped (records of the target). */
  readonly linesRemoved: number;
  /** Lines kept with an aggregate whose matching records were emptied (aggregate-scrub.ts). */
  readonly aggregatesScrubbed: number;
  /** Records emptied inside those aggregates. */
  readonly recordsEmptied: number;
  /** Lines holding an aggregate whose protobuf cannot be read, so nothing inside could be searched. */
  readonly unreadableAggregates: number;
  /** Lines that are not JSON objects with a data field (kept as they are). */
  readonly unparsableLines: number;
  /** Lines kept (unchanged or scrubbed). */
  readonly linesKept: number;
  /** `shard/sequence/sub-sequence` (identityKey) of each dropped line that names its identity. */
  readonly removedIdentities: readonly string[];
}

/** What an object's lines carry: the raw archive's ArchiveLine (utf8 or base64 data) or a dead letter (base64 data). */
export type LineFormat = 'archive' | 'dead-letter';

/**
 * Splits `text` on `\n` and decides per line: a record of the target is dropped; an aggregate holding some of the
 * target's records is written again with only its `data` field changed; every other line is kept as the same string,
 * so after decompression it is byte-identical. `needles` (forget-target.ts) lets lines that cannot match skip parsing.
 */
export function scrubLines(
  text: string,
  format: LineFormat,
  target: ForgetTarget,
  needles: readonly string[] | undefined,
): LineScrubResult {
  return scrubLinesMatching(text, format, (payload) => payloadMatches(payload, target), needles);
}

/**
 * scrubLines with any predicate on a record's bytes; it sees every record, those inside aggregates too, so a predicate
 * that only looks (and answers false) walks the whole object (how the X compliance feed collects the stored post ids).
 */
export function scrubLinesMatching(
  text: string,
  format: LineFormat,
  matches: (payload: Uint8Array) => boolean,
  needles: readonly string[] | undefined,
): LineScrubResult {
  const counts = {
    linesRemoved: 0,
    aggregatesScrubbed: 0,
    recordsEmptied: 0,
    unreadableAggregates: 0,
    unparsableLines: 0,
    linesKept: 0,
  };
  const kept: string[] = [];
  const removedIdentities: string[] = [];
  let changed = false;
  const lines = text.split('\n');
  const trailing = lines.length > 0 && lines[lines.length - 1] === '' ? lines.pop() : undefined;
  for (const line of lines) {
    const outcome = scrubLine(line, format, matches, needles);
    if (outcome.kind === 'drop') {
      counts.linesRemoved += 1;
      if (outcome.identity !== undefined) removedIdentities.push(outcome.identity);
      changed = true;
      continue;
    }
    counts.linesKept += 1;
    if (outcome.kind === 'scrubbed') {
      counts.aggregatesScrubbed += 1;
      counts.recordsEmptied += outcome.emptied;
      changed = true;
      kept.push(outcome.line);
      continue;
    }
    if (outcome.kind === 'unreadable') counts.unreadableAggregates += 1;
    if (outcome.kind === 'unparsable') counts.unparsableLines += 1;
    kept.push(line);
  }
  if (!changed) return { text: undefined, ...counts, removedIdentities };
  return {
    text: kept.length === 0 ? '' : `${kept.join('\n')}${trailing === undefined ? '' : '\n'}`,
    ...counts,
    removedIdentities,
  };
}

type LineOutcome =
  | { readonly kind: 'keep' | 'unreadable' | 'unparsable' }
  | { readonly kind: 'drop'; readonly identity: string | undefined }
  | { readonly kind: 'scrubbed'; readonly line: string; readonly emptied: number };

function scrubLine(
  line: string,
  format: LineFormat,
  matches: (payload: Uint8Array) => boolean,
  needles: readonly string[] | undefined,
): LineOutcome {
  if (line.trim() === '') return { kind: 'keep' };
  const base64 = format === 'dead-letter' || line.includes('"dataEncoding":"base64"');
  // A plain-text line names the post's id or author as written; base64 data (or an aggregate) must be decoded.
  if (!base64 && needles !== undefined && !needles.some((needle) => line.includes(needle))) return { kind: 'keep' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return { kind: 'unparsable' };
  }
  if (typeof parsed !== 'object' || parsed === null || typeof (parsed as { data?: unknown }).data !== 'string')
    return { kind: 'unparsable' };
  const object = parsed as Record<string, unknown> & { data: string };
  const encoding = format === 'dead-letter' ? 'base64' : (object as unknown as ArchiveLine).dataEncoding;
  if (encoding !== 'utf8' && encoding !== 'base64') return { kind: 'unparsable' };
  const data = archivedData({ data: object.data, dataEncoding: encoding });
  if (matches(data)) return { kind: 'drop', identity: lineIdentity(object) };
  const scrub = scrubAggregate(data, matches);
  if (scrub.kind === 'unreadable') return { kind: 'unreadable' };
  if (scrub.kind === 'unchanged') return { kind: 'keep' };
  // Same fields in the same order (JSON.parse keeps them), only `data` changed: the rest of the line is as written.
  const line2 = JSON.stringify({ ...object, data: scrub.bytes.toString('base64') });
  return { kind: 'scrubbed', line: line2, emptied: scrub.emptied };
}

/** The identityKey a line names (archive lines and dead letters both carry shardId, sequenceNumber, subSequenceNumber). */
function lineIdentity(object: Readonly<Record<string, unknown>>): string | undefined {
  const { shardId, sequenceNumber, subSequenceNumber } = object;
  if (typeof shardId !== 'string' || typeof sequenceNumber !== 'string') return undefined;
  return identityKey({
    shardId,
    sequenceNumber,
    subSequenceNumber: typeof subSequenceNumber === 'number' ? subSequenceNumber : 0,
  });
}
