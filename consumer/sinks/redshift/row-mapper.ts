// Turns sink rows into column values in table-spec order: byte-truncated text, UTC timestamps, JSON hashtags and key phrases.
import { truncateUtf8 } from '../../../common/utf8-truncate';
import type { ScoredPost, VehicleRow } from '../sink';
import type { SqlValue } from './sql-dialect';
import { POST_HASHTAGS_BYTES, POST_KEY_PHRASES_BYTES, POST_TEXT_BYTES } from './table-spec';

/** `YYYY-MM-DD HH:MM:SS.mmm` in UTC, or null when the text is not a date: both engines parse it the same way. */
export function sqlTimestamp(value: string | number): string | null {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return null;
  return date.toISOString().replace('T', ' ').replace('Z', '');
}

function bounded(text: string | undefined, maxBytes: number): string | null {
  return text === undefined ? null : truncateUtf8(text, maxBytes);
}

/** The leading strings whose JSON array text stays within `maxBytes` (UTF-8), as that JSON text. */
function jsonArrayWithin(items: readonly string[], maxBytes: number): string {
  const kept: string[] = [];
  let bytes = 2; // []
  for (const item of items) {
    const more = Buffer.byteLength(JSON.stringify(item), 'utf8') + (kept.length > 0 ? 1 : 0);
    if (bytes + more > maxBytes) break;
    kept.push(item);
    bytes += more;
  }
  return JSON.stringify(kept);
}

export function postRow({ record, post, sentiment }: ScoredPost): SqlValue[] {
  const text = truncateUtf8(post.text, POST_TEXT_BYTES);
  const truncated = text.length < post.text.length;
  const hashtags: string[] = [];
  for (const tag of post.hashtags) {
    if (JSON.stringify([...hashtags, tag]).length > POST_HASHTAGS_BYTES) break;
    hashtags.push(tag);
  }
  const scored = sentiment.ok ? sentiment : undefined;
  return [
    record.shardId,
    record.sequenceNumber,
    record.subSequenceNumber,
    // A key is never cut: decode bounds it (POST_ID_MAX_BYTES = the column); a longer one is refused by the table as data.
    post.id,
    bounded(post.user, 256),
    sqlTimestamp(post.createdAt),
    sqlTimestamp(record.approximateArrivalTimestamp),
    bounded(sentiment.lang ?? post.lang, 16),
    text,
    truncated,
    JSON.stringify(hashtags),
    scored?.label ?? null,
    scored?.scores.Positive ?? null,
    scored?.scores.Negative ?? null,
    scored?.scores.Neutral ?? null,
    scored?.scores.Mixed ?? null,
    sentiment.ok ? null : bounded(sentiment.reason, 256),
    bounded(post.source, 16),
    // NULL (not []) when the analyzer gave none, so readers fall back to the text's terms (reporting/terms).
    scored?.keyPhrases === undefined ? null : jsonArrayWithin(scored.keyPhrases, POST_KEY_PHRASES_BYTES),
  ];
}

export function vehicleRow({ record, reading }: VehicleRow): SqlValue[] {
  const finite = (value: number): number | null => (Number.isFinite(value) ? value : null);
  return [
    record.shardId,
    record.sequenceNumber,
    record.subSequenceNumber,
    bounded(reading.recordId, 128),
    bounded(reading.vin, 32),
    sqlTimestamp(reading.timestamp),
    finite(reading.lat),
    finite(reading.lon),
    finite(reading.speed),
    sqlTimestamp(record.approximateArrivalTimestamp),
  ];
}
