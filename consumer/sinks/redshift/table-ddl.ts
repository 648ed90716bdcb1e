// CREATE TABLE IF NOT EXISTS for a table spec, in the given dialect: safe to run on every start.
import type { SqlDialect } from './sql-dialect';
import { LOADED_AT_COLUMN, type TableSpec } from './table-spec';

export function createTableSql(dialect: SqlDialect, table: TableSpec): string {
  const columns = table.columns.map(
    (column) => `  ${column.name} ${dialect.columnType(column.type)}${column.notNull === true ? ' NOT NULL' : ''}`,
  );
  columns.push(`  ${LOADED_AT_COLUMN} TIMESTAMP NOT NULL DEFAULT ${dialect.now}`);
  // No PRIMARY KEY: Redshift would not enforce it, and the planner trusts declared keys. Uniqueness comes from the keyed load.
  const attributes = dialect.tableAttributes(table);
  return `CREATE TABLE IF NOT EXISTS ${table.name} (\n${columns.join(',\n')}\n)${attributes === '' ? '' : ` ${attributes}`}`;
}

/** The table's DDL: CREATE TABLE IF NOT EXISTS, the columns added or widened since (for a table an earlier release created), the key indexes. */
export function ensureTableSql(dialect: SqlDialect, table: TableSpec): string[] {
  const added = (table.addedColumns ?? []).flatMap((name) => {
    const column = table.columns.find((candidate) => candidate.name === name);
    const sql = column === undefined ? undefined : dialect.addColumnIfMissing(table.name, column.name, column.type);
    return sql === undefined ? [] : [sql];
  });
  const widened = (table.widenedColumns ?? []).flatMap((name) => {
    const column = table.columns.find((candidate) => candidate.name === name);
    const sql = column === undefined ? undefined : dialect.widenColumnIfNarrower(table.name, column.name, column.type);
    return sql === undefined ? [] : [sql];
  });
  return [createTableSql(dialect, table), ...added, ...widened, ...dialect.keyIndexes(table)];
}
