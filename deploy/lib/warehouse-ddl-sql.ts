// The warehouse's DDL at synth time, from the consumer's own table code: tables, added columns and indexes, and the dashboard reader's grants.
import { ensureTableSql } from '../../consumer/sinks/redshift/table-ddl';
import {
  DEFAULT_POSTS_TABLE,
  DEFAULT_VEHICLES_TABLE,
  postTable,
  vehicleTable,
} from '../../consumer/sinks/redshift/table-spec';
import type { SqlDialect } from '../../consumer/sinks/redshift/sql-dialect';

export const POSTS_TABLE = DEFAULT_POSTS_TABLE;
export const VEHICLES_TABLE = DEFAULT_VEHICLES_TABLE;
/** The dashboard's database user: SELECT on the posts tables, nothing else. */
export const DASHBOARD_READER = 'dashboard_reader';
/** The tables the dashboard reads (the posts table; rollups of it belong here too). */
export const DASHBOARD_READ_TABLES: readonly string[] = [POSTS_TABLE];

/** What the consumer runs at start (CREATE TABLE IF NOT EXISTS, added columns, key indexes), in `dialect`. */
export function warehouseStatements(dialect: SqlDialect): string[] {
  return [...ensureTableSql(dialect, postTable(POSTS_TABLE)), ...ensureTableSql(dialect, vehicleTable(VEHICLES_TABLE))];
}

/**
 * After the reader exists: schema usage and SELECT on `tables` only. PUBLIC loses CREATE on the schema (Redshift and
 * PostgreSQL before 15 grant it), so the reader cannot create tables either.
 */
export function readerGrantStatements(reader: string, tables: readonly string[]): string[] {
  return [
    'REVOKE CREATE ON SCHEMA public FROM PUBLIC',
    `GRANT USAGE ON SCHEMA public TO ${reader}`,
    ...tables.map((table) => `GRANT SELECT ON TABLE ${table} TO ${reader}`),
  ];
}
