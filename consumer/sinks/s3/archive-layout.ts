// Object keys of the archive: Firehose-style UTC hour folders, names fixed by shard and record identities.
import type { RecordIdentity } from '../../../common/user-record';

type Position = Omit<RecordIdentity, 'shardId'>;

/** `YYYY/MM/DD/HH` of an epoch-millisecond time, in UTC (the Firehose layout). */
export function utcHourPath(epochMs: number): string {
  const iso = new Date(epochMs).toISOString();
  return `${iso.slice(0, 4)}/${iso.slice(5, 7)}/${iso.slice(8, 10)}/${iso.slice(11, 13)}`;
}

/** Joins key parts with `/`, dropping empty parts and stray slashes at the joins. */
export function joinKey(...parts: readonly string[]): string {
  return parts
    .map((part) => part.replace(/^\/+|\/+$/g, ''))
    .filter((part) => part !== '')
    .join('/');
}

/** Shard ids are `shardId-000000000001`; anything else is made key-safe rather than trusted. */
function safe(text: string): string {
  return text.replace(/[^A-Za-z0-9._-]/g, '_');
}

/**
 * `<prefix>/YYYY/MM/DD/HH/<shard>-<firstSeq>-<firstSub>-<lastSeq>-<lastSub>.jsonl[.gz]`, the hour being the
 * first record's arrival time: the same records always get the same key, wherever and whenever they are replayed.
 */
export function archiveObjectKey(
  prefix: string,
  shardId: string,
  first: Position,
  last: Position,
  firstArrivalMs: number,
  gzip: boolean,
): string {
  const name = `${safe(shardId)}-${first.sequenceNumber}-${first.subSequenceNumber}-${last.sequenceNumber}-${last.subSequenceNumber}.jsonl${gzip ? '.gz' : ''}`;
  return joinKey(prefix, utcHourPath(firstArrivalMs), name);
}

/**
 * `<error-prefix>/<reason>/YYYY/MM/DD/HH/<shard>-<seq>-<sub>.jsonl`: the dead letters of one reason in one batch,
 * named by the first of them (the hour is its arrival). See dead-letter.ts for why a replay cannot duplicate them.
 */
export function deadLetterKey(errorPrefix: string, reason: string, first: RecordIdentity, arrivalMs: number): string {
  const name = `${safe(first.shardId)}-${first.sequenceNumber}-${first.subSequenceNumber}.jsonl`;
  return joinKey(errorPrefix, safe(reason), utcHourPath(arrivalMs), name);
}

/** `<state-prefix>/<shard>.json`: the shard's archive progress (see archive-progress.ts). */
export function progressKey(statePrefix: string, shardId: string): string {
  return joinKey(statePrefix, `${safe(shardId)}.json`);
}
