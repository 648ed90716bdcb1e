// The dashboard's rollup tables and indexes beside the posts table, in both dialects: created with the tables, filled by the dashboard.
import type { SqlDialect } from './sql-dialect';

/** Rollup table names derived from the posts table (`public.post_sentiment` -> `public.post_sentiment_hourly`). */
export interface DashboardRollupNames {
  /** Posts per UTC hour, label, source and language, with the score sum and scored count. */
  readonly hourly: string;
  /** Posts per UTC hour, term, label, source and language (each post counts once per term it mentions). */
  readonly termsHourly: string;
  /** The same per UTC day (summed from the hours): long ranges read 24 times fewer rows. */
  readonly termsDaily: string;
  /** One row per posts table: the loaded_at through which the rollups are complete. */
  readonly state: string;
}

export function dashboardRollupNames(postsTable: string): DashboardRollupNames {
  return {
    hourly: `${postsTable}_hourly`,
    termsHourly: `${postsTable}_terms_hourly`,
    termsDaily: `${postsTable}_terms_daily`,
    state: `${postsTable}_rollup_state`,
  };
}

/** Longest stored term in bytes (reporting/terms caps terms at 60 code points, at most 4 bytes each). */
export const ROLLUP_TERM_BYTES = 240;

/**
 * CREATE TABLE / INDEX IF NOT EXISTS for the rollups, safe on every start. On PostgreSQL also the posts table's
 * indexes the dashboard reads by: created_at (every range, the keyset-paged posts list) and loaded_at (which hours
 * changed since the last refresh). Redshift has no indexes: the rollups are sorted by hour and the posts table by
 * created_at already; loaded_at is scanned as one narrow column.
 */
export function dashboardRollupSql(dialect: SqlDialect, postsTable: string): string[] {
  const names = dashboardRollupNames(postsTable);
  const redshift = dialect.name === 'redshift';
  const attrs = (sortKey: string, dist: string): string => (redshift ? ` ${dist} SORTKEY(${sortKey})` : '');
  const bare = (table: string): string => table.replace(/^.*\./, '');
  const sql = [
    `CREATE TABLE IF NOT EXISTS ${names.hourly} (
  hour TIMESTAMP NOT NULL,
  label VARCHAR(16) NOT NULL,
  source VARCHAR(16),
  lang VARCHAR(16),
  posts INTEGER NOT NULL,
  score_sum DOUBLE PRECISION,
  scored INTEGER NOT NULL
)${attrs('hour', 'DISTSTYLE ALL')}`,
    `CREATE TABLE IF NOT EXISTS ${names.termsHourly} (
  hour TIMESTAMP NOT NULL,
  term VARCHAR(${ROLLUP_TERM_BYTES}) NOT NULL,
  label VARCHAR(16) NOT NULL,
  source VARCHAR(16),
  lang VARCHAR(16),
  posts INTEGER NOT NULL
)${attrs('hour', 'DISTSTYLE KEY DISTKEY(term)')}`,
    `CREATE TABLE IF NOT EXISTS ${names.termsDaily} (
  day TIMESTAMP NOT NULL,
  term VARCHAR(${ROLLUP_TERM_BYTES}) NOT NULL,
  label VARCHAR(16) NOT NULL,
  source VARCHAR(16),
  lang VARCHAR(16),
  posts INTEGER NOT NULL
)${attrs('day', 'DISTSTYLE KEY DISTKEY(term)')}`,
    `CREATE TABLE IF NOT EXISTS ${names.state} (
  posts_table VARCHAR(256) NOT NULL,
  loaded_through TIMESTAMP NOT NULL
)${redshift ? ' DISTSTYLE ALL' : ''}`,
  ];
  if (redshift) return sql;
  const posts = bare(postsTable);
  return [
    ...sql,
    `CREATE INDEX IF NOT EXISTS ${posts}_created_idx ON ${postsTable} (created_at)`,
    `CREATE INDEX IF NOT EXISTS ${posts}_loaded_idx ON ${postsTable} (loaded_at)`,
    `CREATE INDEX IF NOT EXISTS ${bare(names.hourly)}_hour_idx ON ${names.hourly} (hour)`,
    `CREATE INDEX IF NOT EXISTS ${bare(names.termsHourly)}_hour_idx ON ${names.termsHourly} (hour, term)`,
    `CREATE INDEX IF NOT EXISTS ${bare(names.termsDaily)}_day_idx ON ${names.termsDaily} (day, term)`,
  ];
}
