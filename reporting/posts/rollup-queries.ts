// Pure: the SQL that keeps the dashboard's hourly rollups in step with the posts table (recompute the hours that changed).
import { dashboardRollupNames } from '../../consumer/sinks/redshift/dashboard-rollups';
import { POST_TIME, timestampParam, type Query } from './post-queries';
import type { SqlEngine } from './selection';

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

/** One hourly term count, as written to the terms rollup. */
export interface TermRollupRow {
  readonly hourMs: number;
  readonly term: string;
  readonly label: string;
  readonly source: string | null;
  readonly lang: string | null;
  readonly posts: number;
}

function hourRanges(hoursMs: readonly number[], first: number): { text: string; values: string[] } {
  const values: string[] = [];
  const parts = hoursMs.map((h) => {
    values.push(timestampParam(h), timestampParam(h + HOUR_MS));
    const n = first + values.length - 2;
    return `(${POST_TIME} >= CAST($${n} AS TIMESTAMP) AND ${POST_TIME} < CAST($${n + 1} AS TIMESTAMP))`;
  });
  return { text: `(${parts.join(' OR ')})`, values };
}

function hourList(hoursMs: readonly number[]): { text: string; values: string[] } {
  return {
    text: `hour IN (${hoursMs.map((_, i) => `CAST($${i + 1} AS TIMESTAMP)`).join(', ')})`,
    values: hoursMs.map(timestampParam),
  };
}

/** The newest loaded_at, and through which the rollups are complete (null before the first refresh). */
export function loadedStateQueries(postsTable: string): { newest: Query; through: Query } {
  return {
    newest: { name: 'rollup-newest-load', text: `SELECT MAX(loaded_at) AS newest FROM ${postsTable}`, values: [] },
    through: {
      name: 'rollup-state',
      text: `SELECT loaded_through FROM ${dashboardRollupNames(postsTable).state} WHERE posts_table = $1`,
      values: [postsTable],
    },
  };
}

/**
 * The UTC hours holding posts loaded in (after, through]: the hours whose rollups are stale. loaded_at has microseconds
 * and `throughMs` (read back from MAX(loaded_at)) only milliseconds, so the upper bound is the next millisecond.
 */
export function changedHoursQuery(postsTable: string, afterMs: number, throughMs: number): Query {
  return {
    name: 'rollup-changed-hours',
    text: `SELECT DISTINCT DATE_TRUNC('hour', ${POST_TIME}) AS hour FROM ${postsTable}
WHERE loaded_at > CAST($1 AS TIMESTAMP) AND loaded_at < CAST($2 AS TIMESTAMP) AND ${POST_TIME} IS NOT NULL ORDER BY 1`,
    values: [timestampParam(afterMs), timestampParam(throughMs + 1)],
  };
}

/**
 * The posts of some hours as term counting reads them (key phrases when stored, else the text). `except` (an erasure's condition, its placeholders numbered
 * from `$1`) leaves out the rows about to be deleted in the same transaction as the rollups' replacement.
 */
export function hourPostsQuery(
  postsTable: string,
  hoursMs: readonly number[],
  except?: { readonly text: string; readonly values: readonly (string | number)[] },
): Query {
  const ranges = hourRanges(hoursMs, 1);
  const shift = ranges.values.length;
  const exclusion =
    except === undefined
      ? ''
      : ` AND NOT (${except.text.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + shift}`)})`;
  return {
    name: 'rollup-hour-posts',
    text: `SELECT DATE_TRUNC('hour', ${POST_TIME}) AS hour, text, lang, COALESCE(sentiment_label, 'UNSCORED') AS label, source, key_phrases
FROM ${postsTable} WHERE ${ranges.text}${exclusion}`,
    values: [...ranges.values, ...(except?.values ?? [])],
  };
}

/** At most this many term rows per INSERT (6 bound values each, under PostgreSQL's 65,535). */
export const TERM_ROWS_PER_INSERT = 5_000;

/**
 * The transaction that replaces the rollups of `hoursMs` with what the posts table holds now: delete, insert the
 * counts from the posts, insert the given term rows. PostgreSQL takes a lock so two refreshers take turns (Redshift
 * runs serializable and fails the later one, which tries again at its next refresh).
 */
export function replaceHoursStatements(
  postsTable: string,
  engine: SqlEngine,
  hoursMs: readonly number[],
  termRows: readonly TermRollupRow[],
): Query[] {
  const names = dashboardRollupNames(postsTable);
  const list = hourList(hoursMs);
  const ranges = hourRanges(hoursMs, 1);
  const statements: Query[] = [];
  if (engine === 'postgresql')
    statements.push({
      name: 'rollup-lock',
      text: `LOCK TABLE ${names.hourly} IN SHARE ROW EXCLUSIVE MODE`,
      values: [],
    });
  statements.push(
    { name: 'rollup-delete-counts', text: `DELETE FROM ${names.hourly} WHERE ${list.text}`, values: list.values },
    {
      name: 'rollup-insert-counts',
      text: `INSERT INTO ${names.hourly} (hour, label, source, lang, posts, score_sum, scored)
SELECT DATE_TRUNC('hour', ${POST_TIME}), COALESCE(sentiment_label, 'UNSCORED'), source, lang, COUNT(*),
  SUM(score_positive - score_negative), COUNT(score_positive - score_negative)
FROM ${postsTable} WHERE ${ranges.text} GROUP BY 1, 2, 3, 4`,
      values: ranges.values,
    },
    { name: 'rollup-delete-terms', text: `DELETE FROM ${names.termsHourly} WHERE ${list.text}`, values: list.values },
  );
  for (let i = 0; i < termRows.length; i += TERM_ROWS_PER_INSERT) {
    const chunk = termRows.slice(i, i + TERM_ROWS_PER_INSERT);
    const values: (string | number | null)[] = [];
    const tuples = chunk.map((row) => {
      values.push(timestampParam(row.hourMs), row.term, row.label, row.source, row.lang, row.posts);
      const n = values.length - 5;
      return `(CAST($${n} AS TIMESTAMP), $${n + 1}, $${n + 2}, $${n + 3}, $${n + 4}, $${n + 5})`;
    });
    statements.push({
      name: 'rollup-insert-terms',
      text: `INSERT INTO ${names.termsHourly} (hour, term, label, source, lang, posts) VALUES ${tuples.join(', ')}`,
      values,
    });
  }
  return statements;
}

/** Rebuilds the daily terms of the UTC days holding `hoursMs` from the hourly terms (after replaceHoursStatements). */
export function replaceDaysStatements(postsTable: string, hoursMs: readonly number[]): Query[] {
  const names = dashboardRollupNames(postsTable);
  const days = [...new Set(hoursMs.map((h) => Math.floor(h / DAY_MS) * DAY_MS))];
  const list = days.map((_, i) => `CAST($${i + 1} AS TIMESTAMP)`).join(', ');
  const values = days.map(timestampParam);
  return [
    { name: 'rollup-delete-days', text: `DELETE FROM ${names.termsDaily} WHERE day IN (${list})`, values },
    {
      name: 'rollup-insert-days',
      text: `INSERT INTO ${names.termsDaily} (day, term, label, source, lang, posts)
SELECT DATE_TRUNC('day', hour), term, label, source, lang, SUM(posts) FROM ${names.termsHourly}
WHERE DATE_TRUNC('day', hour) IN (${list}) GROUP BY 1, 2, 3, 4, 5`,
      values,
    },
  ];
}

/** Records that the rollups are complete through `throughMs` (delete and insert: both engines, no upsert needed). */
export function saveStateStatements(postsTable: string, throughMs: number): Query[] {
  const state = dashboardRollupNames(postsTable).state;
  return [
    { name: 'rollup-state-delete', text: `DELETE FROM ${state} WHERE posts_table = $1`, values: [postsTable] },
    {
      name: 'rollup-state-insert',
      text: `INSERT INTO ${state} (posts_table, loaded_through) VALUES ($1, CAST($2 AS TIMESTAMP))`,
      values: [postsTable, timestampParam(throughMs)],
    },
  ];
}
