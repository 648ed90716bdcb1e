// The four tables analysts query, as data: names, and the archive's JSON fields under the warehouse's snake_case names.
import { CURATED_POSTS, CURATED_VEHICLES } from '../consumer/sinks/curated/curated-tables';

/** Table names, the same in Athena (Glue) and in `npm run query` (DuckDB). */
export const TABLE_NAMES = {
  posts: CURATED_POSTS.name,
  vehicleReadings: CURATED_VEHICLES.name,
  rawRecords: 'raw_records',
  deadLetters: 'dead_letters',
} as const;

export type JsonColumnType = 'varchar' | 'integer' | 'bigint';

/** A column of a JSON-lines table: its name for analysts and the field it comes from (archive-line.ts, dead-letter.ts). */
export interface JsonColumn {
  readonly name: string;
  readonly field: string;
  readonly type: JsonColumnType;
}

/** raw_records: one archive line (consumer/sinks/s3/archive-line.ts); times in epoch milliseconds, as written. */
export const RAW_RECORD_COLUMNS: readonly JsonColumn[] = [
  { name: 'shard_id', field: 'shardId', type: 'varchar' },
  { name: 'sequence_number', field: 'sequenceNumber', type: 'varchar' },
  { name: 'sub_sequence_number', field: 'subSequenceNumber', type: 'integer' },
  { name: 'partition_key', field: 'partitionKey', type: 'varchar' },
  { name: 'explicit_hash_key', field: 'explicitHashKey', type: 'varchar' },
  { name: 'approximate_arrival_timestamp', field: 'approximateArrivalTimestamp', type: 'bigint' },
  { name: 'received_at', field: 'receivedAt', type: 'bigint' },
  { name: 'data_encoding', field: 'dataEncoding', type: 'varchar' },
  { name: 'data', field: 'data', type: 'varchar' },
];

/** dead_letters: one dead-letter line (consumer/sinks/s3/dead-letter.ts); `data` is the raw bytes in base64. */
export const DEAD_LETTER_COLUMNS: readonly JsonColumn[] = [
  { name: 'shard_id', field: 'shardId', type: 'varchar' },
  { name: 'sequence_number', field: 'sequenceNumber', type: 'varchar' },
  { name: 'sub_sequence_number', field: 'subSequenceNumber', type: 'integer' },
  { name: 'partition_key', field: 'partitionKey', type: 'varchar' },
  { name: 'approximate_arrival_timestamp', field: 'approximateArrivalTimestamp', type: 'bigint' },
  { name: 'reason', field: 'reason', type: 'varchar' },
  { name: 'detail', field: 'detail', type: 'varchar' },
  { name: 'data', field: 'data', type: 'varchar' },
];

/**
 * Partition columns, all strings: the curated tables have `dt` (YYYY-MM-DD) and `hour` (HH) from their Hive folders;
 * the raw archive and the dead letters have `hour` as the Firehose-style folder `YYYY/MM/DD/HH`, the dead letters also
 * `reason` (their first folder).
 */
export const CURATED_PARTITIONS = ['dt', 'hour'] as const;
export const ARCHIVE_HOUR_PARTITION = 'hour';
export const DEAD_LETTER_REASON_PARTITION = 'reason_folder';
