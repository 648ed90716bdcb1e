// The DuckDB views over a local mirror of the bucket, named and shaped as the Athena tables (analytics-tables.ts).
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ColumnSpec } from '../../consumer/sinks/redshift/table-spec';
import type { CuratedTable } from '../../consumer/sinks/curated/curated-tables';
import { CURATED_POSTS, CURATED_VEHICLES } from '../../consumer/sinks/curated/curated-tables';
import {
  ARCHIVE_HOUR_PARTITION,
  DEAD_LETTER_COLUMNS,
  DEAD_LETTER_REASON_PARTITION,
  RAW_RECORD_COLUMNS,
  TABLE_NAMES,
  type JsonColumn,
} from '../analytics-tables';

export interface MirrorLayout {
  /** The mirror's root: objects are files at `<root>/<key>`. */
  readonly root: string;
  readonly rawPrefix: string;
  readonly errorPrefix: string;
  readonly curatedPrefix: string;
}

/** CREATE VIEW statements for posts, vehicle_readings, raw_records and dead_letters (an empty view where no file is). */
export function viewStatements(layout: MirrorLayout): string[] {
  const dir = (prefix: string, ...rest: string[]): string =>
    path.join(layout.root, ...prefix.split('/').filter((part) => part !== ''), ...rest);
  return [
    curatedView(CURATED_POSTS, dir(layout.curatedPrefix, CURATED_POSTS.name)),
    curatedView(CURATED_VEHICLES, dir(layout.curatedPrefix, CURATED_VEHICLES.name)),
    jsonView(TABLE_NAMES.rawRecords, RAW_RECORD_COLUMNS, dir(layout.rawPrefix), '.jsonl', false),
    jsonView(TABLE_NAMES.deadLetters, DEAD_LETTER_COLUMNS, dir(layout.errorPrefix), '.jsonl', true),
  ];
}

function curatedView(table: CuratedTable, folder: string): string {
  const name = identifier(table.name);
  if (!hasFiles(folder, '.parquet')) {
    const columns = table.columns.map((column) => `CAST(NULL AS ${duckType(column)}) AS ${identifier(column.name)}`);
    return `CREATE OR REPLACE VIEW ${name} AS SELECT ${[...columns, "''::VARCHAR AS dt", "''::VARCHAR AS hour"].join(', ')} WHERE false`;
  }
  const glob = literal(path.join(folder, '**', '*.parquet'));
  const columns = table.columns.map((column) => identifier(column.name)).join(', ');
  return `CREATE OR REPLACE VIEW ${name} AS SELECT ${columns}, dt, hour FROM read_parquet(${glob}, hive_partitioning = true, hive_types = {'dt': VARCHAR, 'hour': VARCHAR}, union_by_name = true)`;
}

/** The archive's hour folder `YYYY/MM/DD/HH` (and for dead letters the reason folder before it) from each file's path. */
function jsonView(
  table: string,
  columns: readonly JsonColumn[],
  folder: string,
  extension: string,
  withReason: boolean,
): string {
  const name = identifier(table);
  const partitions = [
    `''::VARCHAR AS ${ARCHIVE_HOUR_PARTITION}`,
    ...(withReason ? [`''::VARCHAR AS ${DEAD_LETTER_REASON_PARTITION}`] : []),
  ];
  if (!hasFiles(folder, extension)) {
    const empty = columns.map((column) => `CAST(NULL AS ${column.type.toUpperCase()}) AS ${identifier(column.name)}`);
    return `CREATE OR REPLACE VIEW ${name} AS SELECT ${[...empty, ...partitions].join(', ')} WHERE false`;
  }
  const glob = literal(path.join(folder, '**', `*${extension}*`));
  const types = columns.map((column) => `${literal(column.field)}: ${literal(column.type.toUpperCase())}`).join(', ');
  const selected = columns.map((column) => `${identifier(column.field)} AS ${identifier(column.name)}`);
  const hour = `regexp_extract(filename, '(\\d{4}/\\d{2}/\\d{2}/\\d{2})/[^/]+$', 1) AS ${ARCHIVE_HOUR_PARTITION}`;
  const reason = `regexp_extract(filename, '([^/]+)/\\d{4}/\\d{2}/\\d{2}/\\d{2}/[^/]+$', 1) AS ${DEAD_LETTER_REASON_PARTITION}`;
  return `CREATE OR REPLACE VIEW ${name} AS SELECT ${[...selected, hour, ...(withReason ? [reason] : [])].join(', ')} FROM read_json(${glob}, format = 'newline_delimited', columns = {${types}}, filename = true)`;
}

function duckType(column: ColumnSpec): string {
  switch (column.type.kind) {
    case 'varchar':
      return 'VARCHAR';
    case 'integer':
      return 'INTEGER';
    case 'double':
      return 'DOUBLE';
    case 'boolean':
      return 'BOOLEAN';
    case 'timestamp':
      return 'TIMESTAMP';
    case 'json':
      return 'VARCHAR[]';
  }
}

function hasFiles(folder: string, extension: string): boolean {
  if (!fs.existsSync(folder)) return false;
  return fs
    .readdirSync(folder, { recursive: true, withFileTypes: true })
    .some((entry) => entry.isFile() && entry.name.includes(extension));
}

function identifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

function literal(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}
