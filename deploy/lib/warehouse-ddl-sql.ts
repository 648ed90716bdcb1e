// The warehouse's DDL at synth time, from the consumer's own table code: tables, added columns and indexes, and the grants of the dashboard's reader and the rollup refresher's writer.
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
/** The dashboard's database user: SELECT on the posts table and its rollups, nothing else. */
export const DASHBOARD_READER = 'dashboard_reader';
/** The rollup refresher's database user (`npm run rollups`): reads the posts, rewrites the rollups, nothing else. */
export const ROLLUP_WRITER = 'rollup_writer';
/** The tables the dashboard and the refresher read. */
export const DASHBOARD_READ_TABLES: readonly string[] = [POSTS_TABLE];
/**
 * The dashboard's rollups of the posts table (consumer/sinks/redshift/dashboard-rollups.ts), kept up to date by the
 * rollup refresher (reporting/posts/rollup-refresher.ts) as ROLLUP_WRITER; the dashboard only reads them.
 */
export const DASHBOARD_ROLLUP_TABLES: readonly string[] = Object.values(dashboardRollupNames(POSTS_TABLE));
/**
 * What the refresher does to a rollup: reads it (the state row, the hourly terms summed into days; a DELETE's WHERE
 * needs SELECT too), deletes the hours it recomputes and inserts them again. It never UPDATEs; on PostgreSQL its
 * `LOCK TABLE ... IN SHARE ROW EXCLUSIVE MODE` needs UPDATE, DELETE or TRUNCATE (PostgreSQL docs, LOCK): DELETE does.
 */
export const ROLLUP_WRITE_PRIVILEGES = 'SELECT, INSERT, DELETE';

/** What the consumer runs at start (CREATE TABLE IF NOT EXISTS, added columns, key indexes), in `dialect`. */
export function warehouseStatements(dialect: SqlDialect): string[] {
  return [
    ...ensureTableSql(dialect, postTable(POSTS_TABLE)),
    ...ensureTableSql(dialect, vehicleTable(VEHICLES_TABLE)),
    ...dashboardRollupSql(dialect, POSTS_TABLE),
  ];
}

/**
 * Grants are additive: each login first loses every privilege on the tables it is granted (a deployment from before
 * the refresher had its own user left INSERT/UPDATE/DELETE on the rollups with the reader), then gets exactly its own.
 * PUBLIC loses CREATE on the schema (Redshift and PostgreSQL before 15 grant it), so neither can create tables.
 */
function grants(user: string, tables: readonly string[], rollups: readonly string[], onRollups: string): string[] {
  return [
    'REVOKE CREATE ON SCHEMA public FROM PUBLIC',
    `GRANT USAGE ON SCHEMA public TO ${user}`,
    ...[...tables, ...rollups].map((table) => `REVOKE ALL ON TABLE ${table} FROM ${user}`),
    ...tables.map((table) => `GRANT SELECT ON TABLE ${table} TO ${user}`),
    ...rollups.map((table) => `GRANT ${onRollups} ON TABLE ${table} TO ${user}`),
  ];
}

/** After the reader exists: schema usage, SELECT on `tables` and on the rollups, nothing else. */
export function readerGrantStatements(
  reader: string,
  tables: readonly string[],
  rollups: readonly string[] = DASHBOARD_ROLLUP_TABLES,
): string[] {
  return grants(reader, tables, rollups, 'SELECT');
}

/** After the writer exists: SELECT on `tables`, ROLLUP_WRITE_PRIVILEGES on the rollups, nothing else. */
export function writerGrantStatements(
  writer: string,
  tables: readonly string[],
  rollups: readonly string[] = DASHBOARD_ROLLUP_TABLES,
): string[] {
  return grants(writer, tables, rollups, ROLLUP_WRITE_PRIVILEGES);
}
