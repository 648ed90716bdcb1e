// The curated dataset's two Parquet tables: the warehouse's columns (table-spec.ts) with Parquet types, and their rows.
import type { SchemaElement } from 'hyparquet';
import { postRow, vehicleRow } from '../redshift/row-mapper';
import type { SqlValue } from '../redshift/sql-dialect';
import { postTable, vehicleTable, type ColumnSpec } from '../redshift/table-spec';
import type { ScoredPost, VehicleRow } from '../sink';

/** A value as the Parquet writer takes it: text, number, boolean, a UTC instant, a list of text, or null. */
export type CuratedValue = string | number | boolean | Date | readonly string[] | null;

/** One row, values in the table's column order. */
export type CuratedRow = readonly CuratedValue[];

export interface CuratedTable {
  /** The table name in Athena and in `npm run query` (also the folder under the curated prefix). */
  readonly name: 'posts' | 'vehicle_readings';
  readonly columns: readonly ColumnSpec[];
}

/** Same column names and order as the warehouse tables, so a query moves between Athena, DuckDB and Redshift. */
export const CURATED_POSTS: CuratedTable = { name: 'posts', columns: postTable('posts').columns };
export const CURATED_VEHICLES: CuratedTable = {
  name: 'vehicle_readings',
  columns: vehicleTable('vehicle_readings').columns,
};
export const CURATED_TABLES: readonly CuratedTable[] = [CURATED_POSTS, CURATED_VEHICLES];

/** The Parquet schema (flat, plus a 3-level LIST for JSON arrays such as hashtags), every column nullable. */
export function parquetSchema(table: CuratedTable): SchemaElement[] {
  const schema: SchemaElement[] = [{ name: 'root', num_children: table.columns.length }];
  for (const column of table.columns) schema.push(...columnSchema(column));
  return schema;
}

function columnSchema({ name, type, notNull }: ColumnSpec): SchemaElement[] {
  const repetition_type = notNull === true ? 'REQUIRED' : 'OPTIONAL';
  switch (type.kind) {
    case 'varchar':
      return [{ name, type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type }];
    case 'integer':
      return [{ name, type: 'INT32', repetition_type }];
    case 'double':
      return [{ name, type: 'DOUBLE', repetition_type }];
    case 'boolean':
      return [{ name, type: 'BOOLEAN', repetition_type }];
    case 'timestamp':
      // Milliseconds since the epoch, UTC: Athena and DuckDB read it as TIMESTAMP.
      return [{ name, type: 'INT64', converted_type: 'TIMESTAMP_MILLIS', repetition_type }];
    case 'json':
      return [
        { name, repetition_type, converted_type: 'LIST', num_children: 1 },
        { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
        { name: 'element', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'REQUIRED' },
      ];
  }
}

/** The warehouse's row (row-mapper.ts: truncation, UTC timestamps, hashtags) with Parquet-native values. */
export function curatedPostRow(post: ScoredPost): CuratedRow {
  return fromSql(CURATED_POSTS, postRow(post));
}

export function curatedVehicleRow(vehicle: VehicleRow): CuratedRow {
  return fromSql(CURATED_VEHICLES, vehicleRow(vehicle));
}

function fromSql(table: CuratedTable, values: readonly SqlValue[]): CuratedRow {
  return values.map((value, i) => {
    if (value === null) return null;
    const kind = table.columns[i].type.kind;
    // row-mapper writes `YYYY-MM-DD HH:MM:SS.mmm` in UTC and JSON text for arrays.
    if (kind === 'timestamp') return new Date(`${String(value).replace(' ', 'T')}Z`);
    if (kind === 'json') return JSON.parse(String(value)) as string[];
    return value;
  });
}
