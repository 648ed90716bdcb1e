// The producer's KPL-named options, their KPL defaults, and one validation that reports every problem at once.
import { ConfigError } from '../common/errors';

export interface ProducerOptions {
  /** Aggregate user records of one predicted shard into KPL aggregated records. */
  readonly aggregationEnabled: boolean;
  /** Most bytes of one aggregated record (magic, protobuf and MD5). */
  readonly aggregationMaxSize: number;
  /** Most user records in one aggregated record. */
  readonly aggregationMaxCount: number;
  /** Most Kinesis records in one PutRecords request (Kinesis allows 500). */
  readonly collectionMaxCount: number;
  /** Most bytes (data + partition keys) in one PutRecords request (Kinesis allows 5 MiB). */
  readonly collectionMaxSize: number;
  /** How long a user record may wait to be aggregated and collected before it is sent. */
  readonly recordMaxBufferedTime: number;
  /** Per-shard send limit as a percentage of the shard's write quota (1 MiB/s and 1,000 records/s). */
  readonly rateLimit: number;
  /** A user record not accepted by Kinesis within this many ms is failed with RecordExpiredError. */
  readonly recordTtl: number;
  /** Most PutRecords requests in flight at once. */
  readonly maxConnections: number;
  /** Backoff of retried Kinesis records: first delay cap and the largest cap (full jitter). */
  readonly minBackoffMs: number;
  readonly maxBackoffMs: number;
  /** Back-pressure: put() waits while this many user records or bytes are not yet settled. */
  readonly maxBufferedRecords: number;
  readonly maxBufferedBytes: number;
}

export const MIB = 1024 * 1024;
export const SHARD_WRITE_BYTES_PER_SECOND = MIB;
export const SHARD_WRITE_RECORDS_PER_SECOND = 1_000;
export const MAX_PUT_RECORDS_COUNT = 500;
export const MAX_PUT_RECORDS_BYTES = 5 * MIB;
export const MAX_RECORD_BYTES = MIB;

export const DEFAULT_PRODUCER_OPTIONS: ProducerOptions = Object.freeze({
  aggregationEnabled: true,
  aggregationMaxSize: 51_200,
  aggregationMaxCount: 4_294_967_295,
  collectionMaxCount: 500,
  collectionMaxSize: 5 * MIB,
  recordMaxBufferedTime: 100,
  rateLimit: 150,
  recordTtl: 30_000,
  maxConnections: 24,
  minBackoffMs: 100,
  maxBackoffMs: 5_000,
  maxBufferedRecords: 100_000,
  maxBufferedBytes: 64 * MIB,
});

type Rule = readonly [keyof ProducerOptions, number, number];
const INTEGER_RULES: readonly Rule[] = [
  ['aggregationMaxSize', 64, MAX_RECORD_BYTES],
  ['aggregationMaxCount', 1, 4_294_967_295],
  ['collectionMaxCount', 1, MAX_PUT_RECORDS_COUNT],
  ['collectionMaxSize', 52_224, MAX_PUT_RECORDS_BYTES],
  ['recordMaxBufferedTime', 0, 3_600_000],
  ['recordTtl', 100, 86_400_000],
  ['maxConnections', 1, 256],
  ['minBackoffMs', 0, 600_000],
  ['maxBackoffMs', 0, 600_000],
  ['maxBufferedRecords', 1, 100_000_000],
  ['maxBufferedBytes', MAX_RECORD_BYTES, 64 * 1024 * MIB],
];

/** Merges overrides over the defaults and throws one ConfigError listing every problem. */
export function resolveProducerOptions(overrides: Partial<ProducerOptions> = {}): ProducerOptions {
  const options: ProducerOptions = { ...DEFAULT_PRODUCER_OPTIONS, ...withoutUndefined(overrides) };
  const problems: string[] = [];
  for (const key of Object.keys(overrides)) {
    if (!(key in DEFAULT_PRODUCER_OPTIONS)) problems.push(`${key} is not a producer option`);
  }
  for (const [name, min, max] of INTEGER_RULES) {
    const value = options[name];
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name} must be an integer in [${min}, ${max}], got ${String(value)}`);
    }
  }
  if (typeof options.rateLimit !== 'number' || !Number.isFinite(options.rateLimit) || options.rateLimit <= 0) {
    problems.push(`rateLimit must be a positive number (percent of the shard quota), got ${String(options.rateLimit)}`);
  }
  if (typeof options.aggregationEnabled !== 'boolean') problems.push('aggregationEnabled must be true or false');
  if (options.minBackoffMs > options.maxBackoffMs)
    problems.push(`minBackoffMs (${options.minBackoffMs}) must not exceed maxBackoffMs (${options.maxBackoffMs})`);
  if (options.aggregationMaxSize > options.collectionMaxSize)
    problems.push('aggregationMaxSize must not exceed collectionMaxSize');
  if (problems.length > 0) throw new ConfigError('producer options', problems);
  return Object.freeze(options);
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
