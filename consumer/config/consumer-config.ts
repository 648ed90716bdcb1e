// The consumer's one typed, frozen configuration, read from the environment the daemon passes to each child.
import * as path from 'node:path';
import { ConfigReader, type Source } from '../../common/config/config-reader';
import { readAwsSettings, type AwsSettings } from '../../common/aws/aws-settings';
import { readMetricsConfig, type MetricsConfig } from '../../common/metrics/metrics-config';
import { retryPolicyProblems, type RetryPolicy } from '../../common/retry';
import { DEFAULT_DELIVERY_RETRY, DEFAULT_HOLD_RETRY } from '../processor/batch-delivery';
import { DEFAULT_BATCH_POLICY, type BatchPolicyConfig } from '../processor/batch-policy';
import { readSinkConfig, type SinkConfig } from '../sinks/sink-config';
import { readSentimentConfig, type SentimentConfig } from '../sentiment/sentiment-config';
import { SHARD_RANGE_FILTER_MODES, type ShardRangeFilterMode } from '../reshard/create-shard-range-guard';

export const SINK_MODES = ['all', 'none'] as const;
export const LOG_LEVELS = ['error', 'warn', 'info', 'debug'] as const;

export interface ConsumerConfig {
  /** `none` is the documented dry run: decode, score, log and checkpoint with no external service. */
  readonly sinks: (typeof SINK_MODES)[number];
  readonly sentiment: SentimentConfig;
  readonly logFile: string;
  readonly logLevel: (typeof LOG_LEVELS)[number];
  readonly batchPolicy: BatchPolicyConfig;
  readonly maxOpenBatches: number;
  readonly maxRecordBytes: number;
  readonly checkpointRetry: RetryPolicy;
  /** Cap of the delay between fast attempts to deliver a batch to a failing sink. */
  readonly deliveryRetryMaxDelayMs: number;
  /** Fast attempts for a transient failure before the batch is held (see batch-delivery.ts). */
  readonly deliveryRetryAttempts: number;
  /** Delays of the slow retries of a held batch (unlimited attempts: nothing is dropped). */
  readonly deliveryHold: RetryPolicy;
  /** Absent in the dry run (SINKS=none). */
  readonly sinkConfig?: SinkConfig;
  readonly applicationName: string;
  readonly streamName: string;
  /** `aggregates` (default with sinks; `off` in the dry run): drop aggregates whose sub-records lie outside the shard's hash range (see shard-range-filter). */
  readonly shardRangeFilter: ShardRangeFilterMode;
  readonly aws: AwsSettings;
  readonly metrics: MetricsConfig;
}

/** Reads every setting, then throws one ConfigError listing all problems (or returns the frozen config). */
export function readConsumerConfig(env: Source, pid: number): ConsumerConfig {
  const reader = new ConfigReader('consumer configuration', [env]);
  const logDir = reader.string('LOG_DIR', 'logs');
  const sinks = reader.oneOf('SINKS', SINK_MODES, 'all');
  const config: ConsumerConfig = {
    sinks,
    ...(sinks === 'none' ? {} : { sinkConfig: readSinkConfig(reader) }),
    sentiment: readSentimentConfig(reader),
    logFile: reader.string('LOG_FILE', path.join(logDir, `consumer-${pid}.log`)),
    logLevel: reader.oneOf('LOG_LEVEL', LOG_LEVELS, 'info'),
    batchPolicy: {
      maxRecords: reader.integer('BATCH_MAX_RECORDS', DEFAULT_BATCH_POLICY.maxRecords, { min: 1, max: 1_000_000 }),
      maxBytes: reader.integer('BATCH_MAX_BYTES', DEFAULT_BATCH_POLICY.maxBytes, { min: 1, max: 1024 * 1024 * 1024 }),
      maxAgeMs: reader.integer('BATCH_MAX_AGE_MS', DEFAULT_BATCH_POLICY.maxAgeMs, { min: 0, max: 3_600_000 }),
    },
    maxOpenBatches: reader.integer('MAX_OPEN_BATCHES', 2, { min: 1, max: 64 }),
    maxRecordBytes: reader.integer('MAX_RECORD_BYTES', 1024 * 1024, { min: 1 }),
    checkpointRetry: {
      maxAttempts: reader.integer('CHECKPOINT_RETRY_ATTEMPTS', 6, { min: 1, max: 100 }),
      baseDelayMs: reader.integer('CHECKPOINT_RETRY_BASE_MS', 200, { min: 0 }),
      maxDelayMs: reader.integer('CHECKPOINT_RETRY_MAX_MS', 5_000, { min: 0 }),
    },
    deliveryRetryMaxDelayMs: reader.integer('DELIVERY_RETRY_MAX_DELAY_MS', DEFAULT_DELIVERY_RETRY.maxDelayMs, {
      min: 1,
    }),
    deliveryRetryAttempts: reader.integer('DELIVERY_RETRY_ATTEMPTS', DEFAULT_DELIVERY_RETRY.maxAttempts, {
      min: 1,
      max: 100,
    }),
    deliveryHold: {
      maxAttempts: Infinity,
      baseDelayMs: reader.integer('DELIVERY_HOLD_BASE_MS', DEFAULT_HOLD_RETRY.baseDelayMs, { min: 1 }),
      maxDelayMs: reader.integer('DELIVERY_HOLD_MAX_MS', DEFAULT_HOLD_RETRY.maxDelayMs, { min: 1 }),
    },
    applicationName: reader.string('KCL_APPLICATION_NAME', 'kinesis-sentiment'),
    streamName: reader.string('KINESIS_STREAM_NAME', 'unknown'),
    // The dry run talks to no external service, so it does not read the lease table either.
    shardRangeFilter: reader.oneOf(
      'SHARD_RANGE_FILTER',
      SHARD_RANGE_FILTER_MODES,
      sinks === 'none' ? 'off' : 'aggregates',
    ),
    aws: readAwsSettings(reader),
    metrics: readMetricsConfig(reader),
  };
  for (const problem of retryPolicyProblems('DELIVERY_HOLD', config.deliveryHold)) reader.problem(problem);
  return reader.finish(config);
}
