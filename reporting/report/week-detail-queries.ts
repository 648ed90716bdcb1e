// The weekly report's own SQL beyond the day counts: the split by source and language, the posts' texts for terms, the strongest posts of a label; plain SQL both engines accept.
import { POST_TIME, timestampParam, type Query } from '../posts/post-queries';

function inRange(first: number): string {
  return `${POST_TIME} >= CAST($${first} AS TIMESTAMP) AND ${POST_TIME} < CAST($${first + 1} AS TIMESTAMP)`;
}

function limitOf(limit: number): number {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`limit must be a positive integer, got ${limit}`);
  return limit;
}

/** `table` must already be validated (posts-source.ts). */
export function splitCountsQuery(table: string, fromMs: number, toMs: number): Query {
  return {
    name: 'report-split',
    text: `SELECT source, lang, COALESCE(sentiment_label, 'UNSCORED') AS label, COUNT(*) AS posts
FROM ${table} WHERE ${inRange(1)} GROUP BY 1, 2, 3`,
    values: [timestampParam(fromMs), timestampParam(toMs)],
  };
}

/** The texts (and stored key phrases) the week's terms are counted from, oldest first, at most `limit` (a bound on memory). */
export function termPostsQuery(table: string, fromMs: number, toMs: number, limit: number): Query {
  return {
    name: 'report-term-posts',
    text: `SELECT text, lang, COALESCE(sentiment_label, 'UNSCORED') AS label, key_phrases
FROM ${table} WHERE ${inRange(1)} ORDER BY ${POST_TIME} LIMIT ${limitOf(limit)}`,
    values: [timestampParam(fromMs), timestampParam(toMs)],
  };
}

/** The most clearly NEGATIVE (lowest score) or POSITIVE (highest) posts of the range. */
export function strongestPostsQuery(
  table: string,
  fromMs: number,
  toMs: number,
  label: 'NEGATIVE' | 'POSITIVE',
  limit: number,
): Query {
  return {
    name: `report-strongest-${label.toLowerCase()}`,
    text: `SELECT post_id, user_name, ${POST_TIME} AS posted_at, lang, text, source, score_positive - score_negative AS score, key_phrases
FROM ${table} WHERE ${inRange(1)} AND sentiment_label = $3
ORDER BY score ${label === 'NEGATIVE' ? 'ASC' : 'DESC'}, ${POST_TIME} LIMIT ${limitOf(limit)}`,
    values: [timestampParam(fromMs), timestampParam(toMs), label],
  };
}
