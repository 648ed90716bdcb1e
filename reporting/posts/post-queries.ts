// The parameterised SQL the people tools run: plain SQL that Redshift and PostgreSQL both accept (no dialect switch needed).
import { POST_COLUMNS as C } from '../../consumer/sinks/redshift/table-spec';

export interface Query {
  readonly name: string;
  readonly text: string;
  readonly values: readonly (string | number | null)[];
}

/**
 * Posts are placed in time by created_at (when they were posted): it is the table's sort key on
 * Redshift, so these range filters prune blocks; rows without a parsable created_at are not shown.
 */
export const POST_TIME = C.createdAt;

/** `YYYY-MM-DD HH:MM:SS.mmm` UTC: both engines read it as a TIMESTAMP (the column holds UTC). */
export function timestampParam(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').replace('Z', '');
}

function inRange(first: number): string {
  return `${POST_TIME} >= CAST($${first} AS TIMESTAMP) AND ${POST_TIME} < CAST($${first + 1} AS TIMESTAMP)`;
}

/** `table` must already be validated (posts-source.ts); `unit` is one of two literals. */
export function countByLabelQuery(table: string, fromMs: number, toMs: number, unit: 'minute' | 'day'): Query {
  return {
    name: `count-by-${unit}`,
    text: `SELECT DATE_TRUNC('${unit === 'day' ? 'day' : 'minute'}', ${POST_TIME}) AS bucket, COALESCE(${C.sentimentLabel}, 'UNSCORED') AS label,
  COUNT(*) AS posts, SUM(${C.scorePositive} - ${C.scoreNegative}) AS score_sum, COUNT(${C.scorePositive} - ${C.scoreNegative}) AS scored
FROM ${table} WHERE ${inRange(1)}
GROUP BY 1, 2 ORDER BY 1, 2`,
    values: [timestampParam(fromMs), timestampParam(toMs)],
  };
}

/** Newest posts first; `limit` is checked to be a positive integer before it is spliced in (a bound LIMIT is not portable). */
export function latestPostsQuery(table: string, fromMs: number, toMs: number, limit: number, label?: string): Query {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`limit must be a positive integer, got ${limit}`);
  const byLabel =
    label === undefined
      ? ''
      : label === 'UNSCORED'
        ? ` AND ${C.sentimentLabel} IS NULL`
        : ` AND ${C.sentimentLabel} = $3`;
  return {
    name: 'latest-posts',
    text: `SELECT ${C.shardId}, ${C.sequenceNumber}, ${C.subSequenceNumber}, ${C.postId}, ${C.userName}, ${POST_TIME} AS posted_at, ${C.lang}, ${C.text},
  COALESCE(${C.sentimentLabel}, 'UNSCORED') AS label, ${C.scorePositive} - ${C.scoreNegative} AS score, ${C.hashtags}, ${C.source}, ${C.keyPhrases}
FROM ${table} WHERE ${inRange(1)}${byLabel}
ORDER BY ${POST_TIME} DESC, ${C.sequenceNumber} DESC, ${C.subSequenceNumber} DESC LIMIT ${limit}`,
    values: [
      timestampParam(fromMs),
      timestampParam(toMs),
      ...(byLabel.includes('$3') && label !== undefined ? [label] : []),
    ],
  };
}

/**
 * Posts per label within each range (ranges must not overlap; at most 31): a CASE picks the range's index,
 * so local days of any time zone (23-, 25-hour, half-hour offsets) are counted by one query on both engines.
 */
export function countByLabelInRangesQuery(table: string, ranges: readonly { fromMs: number; toMs: number }[]): Query {
  if (ranges.length < 1 || ranges.length > 31) throw new RangeError(`between 1 and 31 ranges, got ${ranges.length}`);
  const cases = ranges.map((_, i) => `WHEN ${inRange(2 * i + 1)} THEN ${i}`).join(' ');
  const from = Math.min(...ranges.map((r) => r.fromMs));
  const to = Math.max(...ranges.map((r) => r.toMs));
  const n = ranges.length * 2;
  return {
    name: 'count-by-range',
    text: `SELECT bucket, label, COUNT(*) AS posts, SUM(score) AS score_sum, COUNT(score) AS scored FROM (
  SELECT CASE ${cases} END AS bucket, COALESCE(${C.sentimentLabel}, 'UNSCORED') AS label, ${C.scorePositive} - ${C.scoreNegative} AS score
  FROM ${table} WHERE ${inRange(n + 1)}) AS t
WHERE bucket IS NOT NULL GROUP BY bucket, label ORDER BY bucket, label`,
    values: [
      ...ranges.flatMap((r) => [timestampParam(r.fromMs), timestampParam(r.toMs)]),
      timestampParam(from),
      timestampParam(to),
    ],
  };
}
