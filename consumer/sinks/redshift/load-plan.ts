// The idempotent load of one table as statements: temp staging table, chunked multi-row inserts, keyed delete, insert, drop.
import type { SqlDialect, SqlValue } from './sql-dialect';
import { KEY_COLUMNS, type TableSpec } from './table-spec';

export interface SqlStatement {
  readonly text: string;
  readonly values: readonly SqlValue[];
}

/** `parameters`: $n placeholders (pg). `literals`: values inlined as hex-encoded literals (Data API, statement size capped). */
export type ValueStyle = 'parameters' | 'literals';

export interface LoadLimits {
  readonly maxRowsPerInsert: number;
  /** Cap on one statement's text (the Data API allows 100 KB). */
  readonly maxStatementBytes: number;
}

export const DEFAULT_LIMITS: LoadLimits = Object.freeze({ maxRowsPerInsert: 500, maxStatementBytes: 96_000 });
const PG_MAX_PARAMETERS = 65_535;

/**
 * Redshift enforces no unique key and has no ON CONFLICT, so a load is: stage the rows, delete every target
 * row with a staged (shard_id, sequence_number, sub_sequence_number), insert the staged rows. Run in one
 * transaction, a replay of any subset of rows leaves each key exactly once. A table with a business key (posts:
 * source + post_id) also deletes rows with a staged business key and inserts one staged row per business key, so a
 * post that reached the stream twice (a collector restart, two collectors) is stored once.
 */
export function loadStatements(
  dialect: SqlDialect,
  table: TableSpec,
  rows: readonly (readonly SqlValue[])[],
  style: ValueStyle,
  limits: LoadLimits = DEFAULT_LIMITS,
): SqlStatement[] {
  if (rows.length === 0) return [];
  const stage = `stage_${table.name.replace(/^.*\./, '')}`;
  const columns = table.columns.map((column) => column.name).join(', ');
  const keyMatch = KEY_COLUMNS.map((key) => `${table.name}.${key} = ${stage}.${key}`).join(' AND ');
  return [
    { text: `CREATE TEMP TABLE ${stage} (LIKE ${table.name} INCLUDING DEFAULTS)`, values: [] },
    ...insertChunks(dialect, table, stage, columns, rows, style, limits),
    ...keyedReplace(dialect, table, stage, columns, keyMatch),
    { text: `DROP TABLE ${stage}`, values: [] },
  ];
}

function keyedReplace(
  dialect: SqlDialect,
  table: TableSpec,
  stage: string,
  columns: string,
  keyMatch: string,
): SqlStatement[] {
  const business = table.businessKey;
  if (business === undefined || business.length === 0) {
    return [
      { text: `DELETE FROM ${table.name} USING ${stage} WHERE ${keyMatch}`, values: [] },
      { text: `INSERT INTO ${table.name} (${columns}) SELECT ${columns} FROM ${stage}`, values: [] },
    ];
  }
  // NULL never equals NULL, so rows without a business key are matched by identity only.
  const businessMatch = business.map((key) => `${table.name}.${key} = ${stage}.${key}`).join(' AND ');
  const anyNull = business.map((key) => `${key} IS NULL`).join(' OR ');
  const lock = dialect.lockForKeyedLoad(table.name);
  return [
    ...(lock === undefined ? [] : [{ text: lock, values: [] }]),
    // Two equi-joins, not one join on (identity OR business key): an OR join cannot hash or use an index, so it
    // compares every staged row with every table row and a load slows with the table's size.
    { text: `DELETE FROM ${table.name} USING ${stage} WHERE ${keyMatch}`, values: [] },
    { text: `DELETE FROM ${table.name} USING ${stage} WHERE ${businessMatch}`, values: [] },
    {
      text:
        `INSERT INTO ${table.name} (${columns}) SELECT ${columns} FROM (SELECT ${columns}, ROW_NUMBER() OVER (PARTITION BY ${business.join(', ')} ` +
        `ORDER BY ${KEY_COLUMNS.join(', ')}) AS business_rank FROM ${stage}) ranked WHERE business_rank = 1 OR ${anyNull}`,
      values: [],
    },
  ];
}

function insertChunks(
  dialect: SqlDialect,
  table: TableSpec,
  stage: string,
  columns: string,
  rows: readonly (readonly SqlValue[])[],
  style: ValueStyle,
  limits: LoadLimits,
): SqlStatement[] {
  const head = `INSERT INTO ${stage} (${columns}) VALUES `;
  const maxRows = Math.max(1, Math.min(limits.maxRowsPerInsert, Math.floor(PG_MAX_PARAMETERS / table.columns.length)));
  const statements: SqlStatement[] = [];
  let tuples: string[] = [];
  let values: SqlValue[] = [];
  let bytes = head.length;
  const flush = (): void => {
    if (tuples.length > 0) statements.push({ text: head + tuples.join(', '), values });
    tuples = [];
    values = [];
    bytes = head.length;
  };
  for (const row of rows) {
    if (style === 'parameters') {
      if (tuples.length >= maxRows) flush();
      tuples.push(
        `(${table.columns.map((column, i) => dialect.valueExpression(column.type, `$${values.length + i + 1}`)).join(', ')})`,
      );
      values.push(...table.columns.map((_, i) => row[i] ?? null));
      continue;
    }
    const tuple = `(${table.columns.map((column, i) => dialect.literal(row[i] ?? null, column.type)).join(', ')})`;
    const tupleBytes = Buffer.byteLength(tuple) + 2;
    if (head.length + tupleBytes > limits.maxStatementBytes)
      throw new RangeError(
        `one ${table.name} row needs ${tupleBytes} bytes of SQL, over the ${limits.maxStatementBytes}-byte statement limit`,
      );
    if (tuples.length >= maxRows || bytes + tupleBytes > limits.maxStatementBytes) flush();
    tuples.push(tuple);
    bytes += tupleBytes;
  }
  flush();
  return statements;
}
