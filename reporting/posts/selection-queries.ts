// Pure: the parameterised SQL of the dashboard's selections, on the posts table and its hourly rollups (both engines).
import { POST_TIME, timestampParam, type Query } from './post-queries';
import type { PostCursor, PostFilters, Selection, SqlEngine } from './selection';

type Value = string | number;

/** Collects bound values and hands out their $n placeholders in order. */
class Params {
  public readonly values: Value[] = [];
  public add(value: Value): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
  public time(ms: number): string {
    return `CAST(${this.add(timestampParam(ms))} AS TIMESTAMP)`;
  }
}

/** `%`, `_` and the escape character itself, escaped for LIKE (backslash is the default escape on both engines). */
export function likeEscape(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Conditions on the posts table for the filters. */
function postConditions(filters: PostFilters, p: Params, engine: SqlEngine): string[] {
  const where: string[] = [];
  if (filters.label === 'UNSCORED') where.push('sentiment_label IS NULL');
  else if (filters.label !== undefined) where.push(`sentiment_label = ${p.add(filters.label)}`);
  if (filters.source !== undefined) where.push(`source = ${p.add(filters.source)}`);
  if (filters.lang !== undefined) where.push(`lang = ${p.add(filters.lang)}`);
  if (filters.hashtag !== undefined) {
    // The array as JSON text contains "tag" (quotes included) exactly when one element equals the tag.
    const json = engine === 'redshift' ? 'JSON_SERIALIZE(hashtags)' : 'CAST(hashtags AS TEXT)';
    where.push(`LOWER(${json}) LIKE ${p.add(`%${likeEscape(JSON.stringify(filters.hashtag.toLowerCase()))}%`)}`);
  }
  if (filters.q !== undefined) where.push(`text ILIKE ${p.add(`%${likeEscape(filters.q)}%`)}`);
  return where;
}

/** Conditions on a rollup table (label stored with UNSCORED for NULL); hashtag and q are never asked of it. */
function rollupConditions(filters: PostFilters, p: Params): string[] {
  const where: string[] = [];
  if (filters.label !== undefined) where.push(`label = ${p.add(filters.label)}`);
  if (filters.source !== undefined) where.push(`source = ${p.add(filters.source)}`);
  if (filters.lang !== undefined) where.push(`lang = ${p.add(filters.lang)}`);
  return where;
}

function postsWhere(selection: Selection, p: Params, engine: SqlEngine): string {
  return [
    `${POST_TIME} >= ${p.time(selection.fromMs)}`,
    `${POST_TIME} < ${p.time(selection.toMs)}`,
    ...postConditions(selection, p, engine),
  ].join(' AND ');
}

function checkLimit(limit: number): void {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`limit must be a positive integer, got ${limit}`);
}

/**
 * The bucket of a post's time: its UTC minute, or its hour starting `hourStartMinute` past the UTC hour (an integer
 * 0-59, checked before it is spliced in: the INTERVAL literal is plain SQL both engines accept).
 */
function bucketExpression(grain: 'minute' | 'hour', hourStartMinute: number): string {
  if (!Number.isInteger(hourStartMinute) || hourStartMinute < 0 || hourStartMinute > 59)
    throw new RangeError(`hourStartMinute must be an integer from 0 to 59, got ${hourStartMinute}`);
  if (grain === 'minute') return `DATE_TRUNC('minute', ${POST_TIME})`;
  if (hourStartMinute === 0) return `DATE_TRUNC('hour', ${POST_TIME})`;
  const shift = `INTERVAL '${hourStartMinute} minutes'`;
  return `(DATE_TRUNC('hour', ${POST_TIME} - ${shift}) + ${shift})`;
}

/** Posts per (UTC minute or hour starting `hourStartMinute` past the UTC hour, label) of the selection, read from the posts table. */
export function bucketCountsQuery(
  table: string,
  selection: Selection,
  grain: 'minute' | 'hour',
  engine: SqlEngine,
  hourStartMinute = 0,
): Query {
  const p = new Params();
  const where = postsWhere(selection, p, engine);
  const shifted = grain === 'hour' && hourStartMinute !== 0 ? `-${hourStartMinute}` : '';
  return {
    name: `selection-counts-${grain}${shifted}`,
    text: `SELECT ${bucketExpression(grain, hourStartMinute)} AS bucket, COALESCE(sentiment_label, 'UNSCORED') AS label,
  COUNT(*) AS posts, SUM(score_positive - score_negative) AS score_sum, COUNT(score_positive - score_negative) AS scored
FROM ${table} WHERE ${where}
GROUP BY 1, 2 ORDER BY 1, 2`,
    values: p.values,
  };
}

/** Posts per (UTC hour, label) from the hourly rollup; the range must be whole hours. */
export function rollupCountsQuery(hourlyTable: string, selection: Selection): Query {
  const p = new Params();
  const where = [
    `hour >= ${p.time(selection.fromMs)}`,
    `hour < ${p.time(selection.toMs)}`,
    ...rollupConditions(selection, p),
  ];
  return {
    name: 'selection-counts-rollup',
    text: `SELECT hour AS bucket, label, SUM(posts) AS posts, SUM(score_sum) AS score_sum, SUM(scored) AS scored
FROM ${hourlyTable} WHERE ${where.join(' AND ')}
GROUP BY 1, 2 ORDER BY 1, 2`,
    values: p.values,
  };
}

const POST_COLUMNS = `shard_id, sequence_number, sub_sequence_number, post_id, user_name, ${POST_TIME} AS posted_at, lang, text,
  COALESCE(sentiment_label, 'UNSCORED') AS label, score_positive - score_negative AS score, hashtags, source`;

/**
 * One page of the selection's posts, newest first, after `cursor` (keyset paging: stable while rows land, no OFFSET).
 * Ties on created_at are ordered by the record identity, which is unique.
 */
export function postsPageQuery(
  table: string,
  selection: Selection,
  limit: number,
  cursor: PostCursor | undefined,
  engine: SqlEngine,
): Query {
  checkLimit(limit);
  const p = new Params();
  let where = postsWhere(selection, p, engine);
  if (cursor !== undefined) {
    const at = p.time(cursor.createdAtMs);
    const shard = p.add(cursor.shardId);
    const seq = p.add(cursor.sequenceNumber);
    const sub = p.add(cursor.subSequenceNumber);
    where += ` AND (${POST_TIME} < ${at} OR (${POST_TIME} = ${at} AND (shard_id < ${shard} OR (shard_id = ${shard} AND (sequence_number < ${seq} OR (sequence_number = ${seq} AND sub_sequence_number < ${sub}))))))`;
  }
  return {
    name: 'selection-posts',
    text: `SELECT ${POST_COLUMNS}
FROM ${table} WHERE ${where}
ORDER BY ${POST_TIME} DESC, shard_id DESC, sequence_number DESC, sub_sequence_number DESC LIMIT ${limit}`,
    values: p.values,
  };
}

/** What term extraction reads of the selection's posts (newest first, at most `limit`). */
export function termSourcesQuery(table: string, selection: Selection, limit: number, engine: SqlEngine): Query {
  checkLimit(limit);
  const p = new Params();
  const where = postsWhere(selection, p, engine);
  return {
    name: 'selection-term-sources',
    text: `SELECT text, lang, COALESCE(sentiment_label, 'UNSCORED') AS label, key_phrases
FROM ${table} WHERE ${where}
ORDER BY ${POST_TIME} DESC LIMIT ${limit}`,
    values: p.values,
  };
}

/** A part of a range answered by one rollup table (`time` names its bucket column: hour or day). */
export interface RollupPart {
  readonly table: string;
  readonly time: 'hour' | 'day';
  readonly fromMs: number;
  readonly toMs: number;
}

/**
 * Term counts from the terms rollups over whole hours or days (`parts`, which must not overlap): the `limit`
 * most-mentioned, or, with `onlyTerms`, just those terms (the previous period of the current top terms).
 */
export function rollupTermsQuery(
  parts: readonly RollupPart[],
  filters: PostFilters,
  limit: number,
  onlyTerms?: readonly string[],
): Query {
  checkLimit(limit);
  if (parts.length === 0) throw new RangeError('at least one rollup part');
  const p = new Params();
  const selects = parts.map((part) => {
    const where = [
      `${part.time} >= ${p.time(part.fromMs)}`,
      `${part.time} < ${p.time(part.toMs)}`,
      ...rollupConditions(filters, p),
    ];
    if (onlyTerms !== undefined) where.push(`term IN (${onlyTerms.map((t) => p.add(t)).join(', ') || 'NULL'})`);
    return `SELECT term, label, posts FROM ${part.table} WHERE ${where.join(' AND ')}`;
  });
  return {
    name: 'selection-terms-rollup',
    text: `SELECT term, SUM(posts) AS posts, SUM(CASE WHEN label = 'NEGATIVE' THEN posts ELSE 0 END) AS negative,
  SUM(CASE WHEN label <> 'UNSCORED' THEN posts ELSE 0 END) AS scored
FROM (${selects.join('\nUNION ALL ')}) AS t
GROUP BY term ORDER BY 2 DESC, term LIMIT ${limit}`,
    values: p.values,
  };
}
