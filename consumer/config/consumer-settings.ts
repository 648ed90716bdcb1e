// The consumer's environment contract: every variable the consumer reads, its default and meaning; the readers and every writer use it.
import { AWS_SETTINGS } from '../../common/aws/aws-settings';
import { settingsEnv, type SettingsTable, type SettingsValues } from '../../common/config/setting';
import { METRICS_SETTINGS } from '../../common/metrics/metrics-config';
import { PG_SETTINGS } from '../../common/pg/pg-connection';
import { DEFAULT_PAYLOAD_LIMITS } from '../decode/payload-parser';
import { DEFAULT_DELIVERY_RETRY, DEFAULT_HOLD_RETRY } from '../processor/batch-delivery';
import { DEFAULT_BATCH_POLICY } from '../processor/batch-policy';
import { DEFAULT_POSTS_TABLE, DEFAULT_VEHICLES_TABLE } from '../sinks/redshift/table-spec';
import { DEFAULT_PART_SIZE_BYTES } from '../sinks/s3/s3-object-store';

/**
 * The archive's three key prefixes: data (what Athena/Glue read), dead letters, and the sink's progress state. The
 * consumer's defaults, the deployment's bucket rules and IAM scopes, and the local stack all take them from here.
 */
export const ARCHIVE_PREFIXES = { data: 'raw', errors: 'errors', state: 'archive-state' } as const;

/** The curated dataset's two key prefixes: Parquet data (what Athena/Glue read) and the sink's progress state. */
export const CURATED_PREFIXES = { data: 'curated', state: 'curated-state' } as const;

const MIB = 1024 * 1024;

/**
 * One row per variable (`{ variable, default, doc }`); a row without `default` is required, optional or derived
 * (its doc says which). Read by consumer-config.ts, sink-config.ts, sentiment-config.ts and (through
 * METRICS_SETTINGS, PG_SETTINGS, AWS_SETTINGS) the common readers; written only through consumerEnv().
 */
export const CONSUMER_SETTINGS = {
  sinks: {
    variable: 'SINKS',
    default: 'all',
    doc: '`none` is the dry run: decode, score, log, checkpoint, no external service',
  },
  logDir: { variable: 'LOG_DIR', default: 'logs', doc: 'folder of the JSON log files' },
  logFile: { variable: 'LOG_FILE', doc: 'the log file (default `<LOG_DIR>/consumer-<pid>.log`)' },
  logLevel: { variable: 'LOG_LEVEL', default: 'info', doc: '`error`, `warn`, `info` or `debug`' },
  batchMaxRecords: {
    variable: 'BATCH_MAX_RECORDS',
    default: DEFAULT_BATCH_POLICY.maxRecords,
    doc: 'records in a cut batch',
  },
  batchMaxBytes: { variable: 'BATCH_MAX_BYTES', default: DEFAULT_BATCH_POLICY.maxBytes, doc: 'bytes in a cut batch' },
  batchMaxAgeMs: {
    variable: 'BATCH_MAX_AGE_MS',
    default: DEFAULT_BATCH_POLICY.maxAgeMs,
    doc: 'age at which a batch is cut',
  },
  maxOpenBatches: {
    variable: 'MAX_OPEN_BATCHES',
    default: 2,
    doc: 'cut batches not yet durable before `processRecords` waits',
  },
  maxRecordBytes: {
    variable: 'MAX_RECORD_BYTES',
    default: DEFAULT_PAYLOAD_LIMITS.maxRecordBytes,
    doc: 'larger user records are dead-lettered as `too-large`',
  },
  checkpointRetryAttempts: {
    variable: 'CHECKPOINT_RETRY_ATTEMPTS',
    default: 6,
    doc: 'attempts of a throttled checkpoint',
  },
  checkpointRetryBaseMs: { variable: 'CHECKPOINT_RETRY_BASE_MS', default: 200, doc: 'first checkpoint retry delay' },
  checkpointRetryMaxMs: {
    variable: 'CHECKPOINT_RETRY_MAX_MS',
    default: 5_000,
    doc: 'cap of the checkpoint retry delay',
  },
  deliveryRetryAttempts: {
    variable: 'DELIVERY_RETRY_ATTEMPTS',
    default: DEFAULT_DELIVERY_RETRY.maxAttempts,
    doc: 'fast attempts for a transient sink failure before the batch is held',
  },
  deliveryRetryMaxDelayMs: {
    variable: 'DELIVERY_RETRY_MAX_DELAY_MS',
    default: DEFAULT_DELIVERY_RETRY.maxDelayMs,
    doc: 'cap of the delay between fast attempts',
  },
  deliveryHoldBaseMs: {
    variable: 'DELIVERY_HOLD_BASE_MS',
    default: DEFAULT_HOLD_RETRY.baseDelayMs,
    doc: 'first delay of the slow retries of a held batch (no attempt limit)',
  },
  deliveryHoldMaxMs: {
    variable: 'DELIVERY_HOLD_MAX_MS',
    default: DEFAULT_HOLD_RETRY.maxDelayMs,
    doc: 'cap of the delay of the slow retries of a held batch',
  },
  applicationName: {
    variable: 'KCL_APPLICATION_NAME',
    default: 'kinesis-sentiment',
    doc: 'the KCL application (lease table); a metric dimension',
  },
  streamName: { variable: 'KINESIS_STREAM_NAME', default: 'unknown', doc: 'the stream; a metric dimension' },
  shardRangeFilter: {
    variable: 'SHARD_RANGE_FILTER',
    default: 'aggregates',
    doc: "drop aggregates outside the shard's hash range; `off` (the dry run's default)",
  },
  // The sinks (sink-config.ts).
  archiveEnabled: { variable: 'ARCHIVE_ENABLED', default: true, doc: 'archive sink on/off' },
  archiveBucket: { variable: 'ARCHIVE_BUCKET', doc: 'S3 bucket (required with the archive sink)' },
  archivePrefix: { variable: 'ARCHIVE_PREFIX', default: ARCHIVE_PREFIXES.data, doc: 'key prefix of the data' },
  archiveErrorPrefix: {
    variable: 'ARCHIVE_ERROR_PREFIX',
    default: ARCHIVE_PREFIXES.errors,
    doc: 'key prefix of dead letters (outside ARCHIVE_PREFIX)',
  },
  archiveStatePrefix: {
    variable: 'ARCHIVE_STATE_PREFIX',
    default: ARCHIVE_PREFIXES.state,
    doc: 'key prefix of the progress state (outside ARCHIVE_PREFIX)',
  },
  archiveGzip: { variable: 'ARCHIVE_GZIP', default: true, doc: 'gzip objects (`.jsonl.gz`)' },
  archiveSse: { variable: 'ARCHIVE_SSE', default: 'none', doc: '`none`, `AES256` (SSE-S3) or `aws:kms`' },
  archiveKmsKeyId: { variable: 'ARCHIVE_KMS_KEY_ID', doc: 'the KMS key with ARCHIVE_SSE=aws:kms' },
  archivePartSizeMb: {
    variable: 'ARCHIVE_PART_SIZE_MB',
    default: DEFAULT_PART_SIZE_BYTES / MIB,
    doc: 'multipart part size (smaller objects are one PUT)',
  },
  curatedEnabled: {
    variable: 'CURATED_ENABLED',
    default: false,
    doc: 'curated Parquet sink on/off (`npm start` and the deployment turn it on; docs/analysts.md)',
  },
  curatedBucket: { variable: 'CURATED_BUCKET', doc: "the curated dataset's bucket (default: ARCHIVE_BUCKET)" },
  curatedPrefix: {
    variable: 'CURATED_PREFIX',
    default: CURATED_PREFIXES.data,
    doc: 'key prefix of the curated Parquet objects (apart from the archive prefixes)',
  },
  curatedStatePrefix: {
    variable: 'CURATED_STATE_PREFIX',
    default: CURATED_PREFIXES.state,
    doc: "key prefix of the curated sink's progress and compaction manifests (outside CURATED_PREFIX)",
  },
  redshiftEnabled: { variable: 'REDSHIFT_ENABLED', default: true, doc: 'Redshift sink on/off' },
  redshiftMode: { variable: 'REDSHIFT_MODE', default: 'pg', doc: '`pg` (direct connection) or `data-api`' },
  redshiftDialect: {
    variable: 'REDSHIFT_DIALECT',
    default: 'redshift',
    doc: '`redshift`, or `postgresql` for the local stand-in',
  },
  redshiftPostsTable: { variable: 'REDSHIFT_POSTS_TABLE', default: DEFAULT_POSTS_TABLE, doc: 'posts table' },
  redshiftVehiclesTable: {
    variable: 'REDSHIFT_VEHICLES_TABLE',
    default: DEFAULT_VEHICLES_TABLE,
    doc: 'vehicle readings table',
  },
  redshiftCreateTables: {
    variable: 'REDSHIFT_CREATE_TABLES',
    default: true,
    doc: '`CREATE TABLE IF NOT EXISTS` at start',
  },
  redshiftDatabase: { variable: 'REDSHIFT_DATABASE', doc: 'Data API: the database (required in data-api mode)' },
  redshiftClusterId: { variable: 'REDSHIFT_CLUSTER_ID', doc: 'Data API: a provisioned cluster' },
  redshiftWorkgroup: { variable: 'REDSHIFT_WORKGROUP', doc: 'Data API: a Serverless workgroup' },
  redshiftDbUser: { variable: 'REDSHIFT_DB_USER', doc: 'Data API: the database user (provisioned cluster)' },
  redshiftSecretArn: { variable: 'REDSHIFT_SECRET_ARN', doc: 'Data API: a secret with the credentials' },
  redshiftDataApiMaxStatements: {
    variable: 'REDSHIFT_DATA_API_MAX_STATEMENTS',
    default: 40,
    doc: 'statements per BatchExecuteStatement',
  },
  ...PG_SETTINGS,
  redshiftStatementTimeoutMs: { ...PG_SETTINGS.redshiftStatementTimeoutMs, default: 120_000 },
  sinkRetryMaxAttempts: { variable: 'SINK_RETRY_MAX_ATTEMPTS', default: 5, doc: "attempts of a sink's own retry" },
  sinkRetryBaseDelayMs: { variable: 'SINK_RETRY_BASE_DELAY_MS', default: 200, doc: "first delay of a sink's retry" },
  sinkRetryMaxDelayMs: { variable: 'SINK_RETRY_MAX_DELAY_MS', default: 10_000, doc: "cap of a sink's retry delay" },
  // Sentiment (sentiment-config.ts).
  sentimentAnalyzer: {
    variable: 'SENTIMENT_ANALYZER',
    default: 'local',
    doc: '`local` (English and Spanish, in process), `comprehend`, or `neutral`',
  },
  sentimentFallbackLanguage: {
    variable: 'SENTIMENT_FALLBACK_LANGUAGE',
    default: 'en',
    doc: 'language of a post without `lang` that detection cannot place (`en`, `es`)',
  },
  sentimentComprehendCallsPerSecond: {
    variable: 'SENTIMENT_COMPREHEND_CALLS_PER_SECOND',
    default: 5,
    doc: 'client-side limit on BatchDetectSentiment calls (and, separately, on BatchDetectKeyPhrases calls)',
  },
  sentimentComprehendMaxAttempts: {
    variable: 'SENTIMENT_COMPREHEND_MAX_ATTEMPTS',
    default: 6,
    doc: 'attempts per call on throttling / 5xx',
  },
  sentimentComprehendKeyPhrases: {
    variable: 'SENTIMENT_COMPREHEND_KEY_PHRASES',
    default: true,
    doc: "also call BatchDetectKeyPhrases and store the phrases with each post (the dashboard's terms); `false` halves the Comprehend bill and the terms come from the text",
  },
  ...METRICS_SETTINGS,
  ...AWS_SETTINGS,
} as const satisfies SettingsTable;

export type ConsumerSettings = SettingsValues<typeof CONSUMER_SETTINGS>;

/** The environment for consumer children (the daemon passes its environment on): one variable per given setting. */
export function consumerEnv(settings: ConsumerSettings): Record<string, string> {
  return settingsEnv(CONSUMER_SETTINGS, settings);
}
