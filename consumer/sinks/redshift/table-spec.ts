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

/** The tables' default names (REDSHIFT_POSTS_TABLE, REDSHIFT_VEHICLES_TABLE): the sinks, the people tools, the local stack and the deployment use these. */
export const DEFAULT_POSTS_TABLE = 'public.post_sentiment';
export const DEFAULT_VEHICLES_TABLE = 'public.vehicle_readings';
/** The bare name a posts table ends with, whatever its schema (how the local stack file's table list is searched). */
export const POSTS_TABLE_BASENAME = 'post_sentiment';

export const KEY_COLUMNS = ['shard_id', 'sequence_number', 'sub_sequence_number'] as const;

/**
 * Column names the readers of post_sentiment use (people tools, trace); the spec below writes them. `loadedAt` is
 * not a loaded column: every table gets it with a default of the load's time (table-ddl.ts).
 */
export const POST_COLUMNS = {
  shardId: 'shard_id',
  sequenceNumber: 'sequence_number',
  subSequenceNumber: 'sub_sequence_number',
  postId: 'post_id',
  userName: 'user_name',
  createdAt: 'created_at',
  arrivalTime: 'arrival_time',
  lang: 'lang',
  text: 'text',
  textTruncated: 'text_truncated',
  hashtags: 'hashtags',
  sentimentLabel: 'sentiment_label',
  scorePositive: 'score_positive',
  scoreNegative: 'score_negative',
  scoreNeutral: 'score_neutral',
  scoreMixed: 'score_mixed',
  sentimentFailure: 'sentiment_failure',
  source: 'source',
  /** The analyzer's key phrases as a JSON array of strings (Comprehend); NULL when it gave none (local analyzer). */
  keyPhrases: 'key_phrases',
  loadedAt: 'loaded_at',
} as const;

/** The column every table has beyond its spec: when the row was loaded (DEFAULT now). */
export const LOADED_AT_COLUMN = POST_COLUMNS.loadedAt;

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
/** Cap on the key phrases' JSON text: phrases past it are dropped whole (they are pieces of the <= 4,096-byte text). */
export const POST_KEY_PHRASES_BYTES = 8192;

export function postTable(name: string): TableSpec {
  return {
    name,
    columns: [
      ...identity,
      // Part of the business key: as wide as the longest id decode accepts, never truncated (64 bytes until 2026-12).
      { name: POST_COLUMNS.postId, type: varchar(POST_ID_MAX_BYTES) },
      { name: POST_COLUMNS.userName, type: varchar(256) },
      { name: POST_COLUMNS.createdAt, type: { kind: 'timestamp' } },
      { name: POST_COLUMNS.arrivalTime, type: { kind: 'timestamp' }, notNull: true },
      { name: POST_COLUMNS.lang, type: varchar(16) },
      { name: POST_COLUMNS.text, type: varchar(POST_TEXT_BYTES) },
      { name: POST_COLUMNS.textTruncated, type: { kind: 'boolean' }, notNull: true },
      { name: POST_COLUMNS.hashtags, type: { kind: 'json' } },
      { name: POST_COLUMNS.sentimentLabel, type: varchar(8) },
      { name: POST_COLUMNS.scorePositive, type: { kind: 'double' } },
      { name: POST_COLUMNS.scoreNegative, type: { kind: 'double' } },
      { name: POST_COLUMNS.scoreNeutral, type: { kind: 'double' } },
      { name: POST_COLUMNS.scoreMixed, type: { kind: 'double' } },
      { name: POST_COLUMNS.sentimentFailure, type: varchar(256) },
      { name: POST_COLUMNS.source, type: varchar(16) },
      { name: POST_COLUMNS.keyPhrases, type: { kind: 'json' } },
    ],
    businessKey: [POST_COLUMNS.source, POST_COLUMNS.postId],
    addedColumns: [POST_COLUMNS.source, POST_COLUMNS.keyPhrases],
    widenedColumns: [POST_COLUMNS.postId],
    // Sequence numbers spread rows evenly and co-locate the staging table with the target for the keyed delete.
    distKey: 'sequence_number',
    sortKey: POST_COLUMNS.createdAt,
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
