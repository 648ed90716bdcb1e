// The warehouse's DDL at synth time, from the consumer's own table code: tables, added columns and indexes, and the dashboard reader's grants.
import { ensureTableSql } from '../../consumer/sinks/redshift/table-ddl';
import {
  DEFAULT_POSTS_TABLE,
  DEFAULT_VEHICLES_TABLE,
  postTable,
  vehicleTable,
} from '../../consumer/sinks/redshift/table-spec';
import type { SqlDialect } from '../../consumer/sinks/redshift/sql-dialect';
import { dashboardRollupNames, dashboardRollupSql } from '../../consumer/sinks/redshift/dashboard-rollups';

export const POSTS_TABLE = DEFAULT_POSTS_TABLE;
export const VEHICLES_TABLE = DEFAULT_VEHICLES_TABLE;
/** The dashboard's database user: SELECT on the posts table; its own rollups (derived from it) it keeps up to date. */
export const DASHBOARD_READER = 'dashboard_reader';
/** The tables the dashboard reads. */
export const DASHBOARD_READ_TABLES: readonly string[] = [POSTS_TABLE];
/**
 * The dashboard's rollups of the posts table (consumer/sinks/redshift/dashboard-rollups.ts): the dashboard refreshes
 * them itself (reporting/posts/rollup-refresher.ts), so its user may write these and only these. Nothing in them is
 * not derivable from the posts table it can read; the posts and vehicles tables stay read-only or unreadable.
 */
export const DASHBOARD_ROLLUP_TABLES: readonly string[] = Object.values(dashboardRollupNames(POSTS_TABLE));

/** What the consumer runs at start (CREATE TABLE IF NOT EXISTS, added columns, key indexes), in `dialect`. */
export function warehouseStatements(dialect: SqlDialect): string[] {
  return [
    ...ensureTableSql(dialect, postTable(POSTS_TABLE)),
    ...ensureTableSql(dialect, vehicleTable(VEHICLES_TABLE)),
    ...dashboardRollupSql(dialect, POSTS_TABLE),
  ];
}

/**
 * After the reader exists: schema usage, SELECT on `tables`, and writes on the dashboard's own rollups only. PUBLIC loses CREATE on the schema (Redshift and
 * PostgreSQL before 15 grant it), so the reader cannot create tables either.
 */
export function readerGrantStatements(
  reader: string,
  tables: readonly string[],
  rollups: readonly string[] = DASHBOARD_ROLLUP_TABLES,
): string[] {
  return [
    'REVOKE CREATE ON SCHEMA public FROM PUBLIC',
    `GRANT USAGE ON SCHEMA public TO ${reader}`,
    ...tables.map((table) => `GRANT SELECT ON TABLE ${table} TO ${reader}`),
    ...rollups.map((table) => `GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE ${table} TO ${reader}`),
  ];
}
