// THE one place where Redshift SQL and its PostgreSQL stand-in differ: column types, table attributes, defaults, literals.
import { KEY_COLUMNS, type ColumnType, type TableSpec } from './table-spec';

export type SqlValue = string | number | boolean | null;

export interface SqlDialect {
  readonly name: 'redshift' | 'postgresql';
  columnType(type: ColumnType): string;
  /** Clause after the column list of CREATE TABLE (distribution and sort keys on Redshift). */
  tableAttributes(table: TableSpec): string;
  /** Default of the loaded_at column. */
  readonly now: string;
  /** How a bound value enters a column of this type (JSON needs parsing into SUPER/JSONB). */
  valueExpression(type: ColumnType, placeholder: string): string;
  /** A value as an injection-proof SQL literal, for the Data API path (text travels hex-encoded). */
  literal(value: SqlValue, type: ColumnType): string;
  /**
   * A statement that makes concurrent keyed loads of one table take turns, or undefined where the engine already
   * does (Redshift runs transactions serializable and fails the loser, which retries). PostgreSQL's READ COMMITTED
   * would otherwise let two shards insert the same business key at once.
   */
  lockForKeyedLoad(table: string): string | undefined;
  /** ADD COLUMN for a table created before the column existed; undefined where the engine has no IF NOT EXISTS form. */
  addColumnIfMissing(table: string, column: string, type: ColumnType): string | undefined;
  /**
   * Widens a VARCHAR column of a table created when it was narrower (a no-op when it is wide enough); undefined where
   * it cannot run with the other DDL (Redshift: ALTER COLUMN TYPE is refused inside a transaction block; a documented
   * one-time step instead).
   */
  widenColumnIfNarrower(table: string, column: string, type: ColumnType): string | undefined;
  /**
   * CREATE INDEX statements that keep the keyed load's joins from scanning the whole table on every batch; none on
   * Redshift, which has no indexes (its sort key serves) but on PostgreSQL each batch's DELETE would otherwise read
   * every row, so a load slows as the table grows.
   */
  keyIndexes(table: TableSpec): string[];
}

function commonType(type: ColumnType): string {
  switch (type.kind) {
    // Redshift counts VARCHAR length in bytes; the mappers truncate to bytes, so the same rows fit both engines.
    case 'varchar':
      return `VARCHAR(${type.bytes})`;
    case 'integer':
      return 'INTEGER';
    case 'double':
      return 'DOUBLE PRECISION';
    case 'timestamp':
      return 'TIMESTAMP';
    case 'boolean':
      return 'BOOLEAN';
    case 'json':
      return 'JSON';
  }
}

function scalarLiteral(value: SqlValue, type: ColumnType, text: (hex: string) => string): string {
  if (value === null) return 'NULL';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || (type.kind === 'integer' && !Number.isInteger(value)))
      throw new TypeError(`not a SQL ${type.kind}: ${value}`);
    return String(value);
  }
  const hexText = text(Buffer.from(value, 'utf8').toString('hex'));
  return type.kind === 'timestamp' ? `CAST(${hexText} AS TIMESTAMP)` : hexText;
}

export const REDSHIFT: SqlDialect = {
  name: 'redshift',
  columnType: (type) => (type.kind === 'json' ? 'SUPER' : commonType(type)),
  tableAttributes: (table) => `DISTSTYLE KEY DISTKEY(${table.distKey}) COMPOUND SORTKEY(${table.sortKey})`,
  now: 'GETDATE()',
  lockForKeyedLoad: () => undefined,
  keyIndexes: () => [],
  // Redshift has no ADD COLUMN IF NOT EXISTS: a table from before a column needs it added once by hand (docs/collectors.md).
  addColumnIfMissing: () => undefined,
  // ALTER TABLE ... ALTER COLUMN ... TYPE VARCHAR(n) cannot run in a transaction block: once by hand (docs/reliability.md).
  widenColumnIfNarrower: () => undefined,
  valueExpression: (type, placeholder) => (type.kind === 'json' ? `JSON_PARSE(${placeholder})` : placeholder),
  literal: (value, type) => {
    const text = scalarLiteral(value, type, (hex) => `FROM_VARBYTE(FROM_HEX('${hex}'), 'utf8')`);
    return type.kind === 'json' && value !== null ? `JSON_PARSE(${text})` : text;
  },
};

export const POSTGRESQL: SqlDialect = {
  name: 'postgresql',
  columnType: (type) => (type.kind === 'json' ? 'JSONB' : commonType(type)),
  tableAttributes: () => '',
  now: 'CURRENT_TIMESTAMP',
  lockForKeyedLoad: (table) => `LOCK TABLE ${table} IN SHARE ROW EXCLUSIVE MODE`,
  keyIndexes: (table) => {
    const bare = table.name.replace(/^.*\./, '');
    const business = table.businessKey ?? [];
    return [
      `CREATE INDEX IF NOT EXISTS ${bare}_identity_idx ON ${table.name} (${KEY_COLUMNS.join(', ')})`,
      ...(business.length === 0
        ? []
        : [`CREATE INDEX IF NOT EXISTS ${bare}_business_idx ON ${table.name} (${business.join(', ')})`]),
    ];
  },
  // The same type CREATE TABLE gives the column (JSONB for JSON), so an old table ends up like a new one.
  addColumnIfMissing: (table, column, type) =>
    `ALTER TABLE ${table} ADD COLUMN IF NOT EXISTS ${column} ${type.kind === 'json' ? 'JSONB' : commonType(type)}`,
  // Only when narrower, so a start does not take the table's exclusive lock for nothing; widening a VARCHAR rewrites
  // no rows. `table` and `column` are validated identifiers (sink-config.ts, table-spec.ts); atttypmod is length + 4.
  widenColumnIfNarrower: (table, column, type) =>
    type.kind !== 'varchar'
      ? undefined
      : `DO $$ BEGIN IF (SELECT atttypmod - 4 FROM pg_attribute WHERE attrelid = '${table}'::regclass AND attname = '${column}') < ${type.bytes} ` +
        `THEN ALTER TABLE ${table} ALTER COLUMN ${column} TYPE ${commonType(type)}; END IF; END $$`,
  valueExpression: (type, placeholder) => (type.kind === 'json' ? `CAST(${placeholder} AS JSONB)` : placeholder),
  literal: (value, type) => {
    const text = scalarLiteral(value, type, (hex) => `convert_from(decode('${hex}', 'hex'), 'UTF8')`);
    return type.kind === 'json' && value !== null ? `CAST(${text} AS JSONB)` : text;
  },
};

export function dialectNamed(name: 'redshift' | 'postgresql'): SqlDialect {
  return name === 'redshift' ? REDSHIFT : POSTGRESQL;
}
