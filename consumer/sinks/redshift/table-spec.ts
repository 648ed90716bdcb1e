// The two Redshift tables as data: columns with portable types, so DDL, rows and loads are built from one definition.
import { POST_ID_MAX_BYTES } from '../../decode/decoded-record';

export type ColumnType =
  | { readonly kind: 'varchar'; readonly bytes: number }
  | { readonly kind: 'integer' }
  | { readonly kind: 'double' }
  | { readonly kind: 'timestamp' }
  | { readonly kind: 'boolean' }
  /** A JSON array or object: SUPER on Redshift, JSONB on the PostgreSQL stand-in. */
  | { readonly kind: 'json' };

export interface ColumnSpec {
  readonly name: string;
  readonly type: ColumnType;
  readonly notNull?: boolean;
}

export interface TableSpec {
  /** Schema-qualified, validated identifier (see sink-config.ts). */
  readonly name: string;
  /** The columns a load writes, in row order. */
  readonly columns: readonly ColumnSpec[];
  readonly distKey: string;
  readonly sortKey: string;
  /**
   * Columns that identify the row's content across records (source + post id): a load keeps one row per such key
   * as well as per record identity. Rows with a NULL in it are keyed by identity only.
   */
  readonly businessKey?: readonly string[];
  /** Columns added after the first release: ALTER TABLE ... ADD COLUMN for tables created before them. */
  readonly addedColumns?: readonly string[];
  /** VARCHAR columns made wider after the first release: widened in tables created before (where the dialect can). */
  readonly widenedColumns?: readonly string[];
}

export const KEY_COLUMNS = ['shard_id', 'sequence_number', 'sub_sequence_number'] as const;

const varchar = (bytes: number): ColumnType => ({ kind: 'varchar', bytes });
const identity: readonly ColumnSpec[] = [
  // Kinesis sequence numbers have up to 128 decimal digits: too wide for DECIMAL(38), so text.
  { name: 'shard_id', type: varchar(128), notNull: true },
  { name: 'sequence_number', type: varchar(128), notNull: true },
  { name: 'sub_sequence_number', type: { kind: 'integer' }, notNull: true },
];

/** Byte limits of the text columns; the row mappers truncate to them on a character boundary. */
export const POST_TEXT_BYTES = 4096;
export const POST_HASHTAGS_BYTES = 8192;

export function postTable(name: string): TableSpec {
  return {
    name,
    columns: [
      ...identity,
      // Part of the business key: as wide as the longest id decode accepts, never truncated (64 bytes until 2026-12).
      { name: 'post_id', type: varchar(POST_ID_MAX_BYTES) },
      { name: 'user_name', type: varchar(256) },
      { name: 'created_at', type: { kind: 'timestamp' } },
      { name: 'arrival_time', type: { kind: 'timestamp' }, notNull: true },
      { name: 'lang', type: varchar(16) },
      { name: 'text', type: varchar(POST_TEXT_BYTES) },
      { name: 'text_truncated', type: { kind: 'boolean' }, notNull: true },
      { name: 'hashtags', type: { kind: 'json' } },
      { name: 'sentiment_label', type: varchar(8) },
      { name: 'score_positive', type: { kind: 'double' } },
      { name: 'score_negative', type: { kind: 'double' } },
      { name: 'score_neutral', type: { kind: 'double' } },
      { name: 'score_mixed', type: { kind: 'double' } },
      { name: 'sentiment_failure', type: varchar(256) },
      { name: 'source', type: varchar(16) },
    ],
    businessKey: ['source', 'post_id'],
    addedColumns: ['source'],
    widenedColumns: ['post_id'],
    // Sequence numbers spread rows evenly and co-locate the staging table with the target for the keyed delete.
    distKey: 'sequence_number',
    sortKey: 'created_at',
  };
}

export function vehicleTable(name: string): TableSpec {
  return {
    name,
    columns: [
      ...identity,
      { name: 'record_id', type: varchar(128) },
      { name: 'vin', type: varchar(32) },
      { name: 'reading_time', type: { kind: 'timestamp' } },
      { name: 'lat', type: { kind: 'double' } },
      { name: 'lon', type: { kind: 'double' } },
      { name: 'speed', type: { kind: 'double' } },
      { name: 'arrival_time', type: { kind: 'timestamp' }, notNull: true },
    ],
    distKey: 'sequence_number',
    sortKey: 'reading_time',
  };
}
