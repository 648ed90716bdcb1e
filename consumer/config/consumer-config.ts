// The consumer's one typed, frozen configuration, read from the environment the daemon passes to each child.
import * as path from 'node:path';
import { ConfigReader, type Source } from '../../common/config/config-reader';
import { readAwsSettings, type AwsSettings } from '../../common/aws/aws-settings';
import { readMetricsConfig, type MetricsConfig } from '../../common/metrics/metrics-config';
import { retryPolicyProblems, type RetryPolicy } from '../../common/retry';
import type { BatchPolicyConfig } from '../processor/batch-policy';
import { readSinkConfig, type SinkConfig } from '../sinks/sink-config';
import { readSentimentConfig, type SentimentConfig } from '../sentiment/sentiment-config';
import { SHARD_RANGE_FILTER_MODES, type ShardRangeFilterMode } from '../reshard/create-shard-range-guard';
import { CONSUMER_SETTINGS as S } from './consumer-settings';

export const SINK_MODES = ['all', 'none'] as const;
export const LOG_LEVELS = ['error', 'warn', 'info', 'debug'] as const;

export interface ConsumerConfig {
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
  /** Absent in the dry run (SINKS=none: decode, score, log and checkpoint with no external service). */
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
  const logDir = reader.string(S.logDir.variable, S.logDir.default);
  const sinks = reader.oneOf(S.sinks.variable, SINK_MODES, S.sinks.default);
  const config: ConsumerConfig = {
    ...(sinks === 'none' ? {} : { sinkConfig: readSinkConfig(reader) }),
    sentiment: readSentimentConfig(reader),
    logFile: reader.string(S.logFile.variable, path.join(logDir, `consumer-${pid}.log`)),
    logLevel: reader.oneOf(S.logLevel.variable, LOG_LEVELS, S.logLevel.default),
    batchPolicy: {
      maxRecords: reader.integer(S.batchMaxRecords.variable, S.batchMaxRecords.default, { min: 1, max: 1_000_000 }),
      maxBytes: reader.integer(S.batchMaxBytes.variable, S.batchMaxBytes.default, { min: 1, max: 1024 * 1024 * 1024 }),
      maxAgeMs: reader.integer(S.batchMaxAgeMs.variable, S.batchMaxAgeMs.default, { min: 0, max: 3_600_000 }),
    },
    maxOpenBatches: reader.integer(S.maxOpenBatches.variable, S.maxOpenBatches.default, { min: 1, max: 64 }),
    maxRecordBytes: reader.integer(S.maxRecordBytes.variable, S.maxRecordBytes.default, { min: 1 }),
    checkpointRetry: {
      maxAttempts: reader.integer(S.checkpointRetryAttempts.variable, S.checkpointRetryAttempts.default, {
        min: 1,
        max: 100,
      }),
      baseDelayMs: reader.integer(S.checkpointRetryBaseMs.variable, S.checkpointRetryBaseMs.default, { min: 0 }),
      maxDelayMs: reader.integer(S.checkpointRetryMaxMs.variable, S.checkpointRetryMaxMs.default, { min: 0 }),
    },
    deliveryRetryMaxDelayMs: reader.integer(S.deliveryRetryMaxDelayMs.variable, S.deliveryRetryMaxDelayMs.default, {
      min: 1,
    }),
    deliveryRetryAttempts: reader.integer(S.deliveryRetryAttempts.variable, S.deliveryRetryAttempts.default, {
      min: 1,
      max: 100,
    }),
    deliveryHold: {
      maxAttempts: Infinity,
      baseDelayMs: reader.integer(S.deliveryHoldBaseMs.variable, S.deliveryHoldBaseMs.default, { min: 1 }),
      maxDelayMs: reader.integer(S.deliveryHoldMaxMs.variable, S.deliveryHoldMaxMs.default, { min: 1 }),
    },
    applicationName: reader.string(S.applicationName.variable, S.applicationName.default),
    streamName: reader.string(S.streamName.variable, S.streamName.default),
    // The dry run talks to no external service, so it does not read the lease table either.
    shardRangeFilter: reader.oneOf(
      S.shardRangeFilter.variable,
      SHARD_RANGE_FILTER_MODES,
      sinks === 'none' ? 'off' : S.shardRangeFilter.default,
    ),
    aws: readAwsSettings(reader),
    metrics: readMetricsConfig(reader),
  };
  for (const problem of retryPolicyProblems('DELIVERY_HOLD', config.deliveryHold)) reader.problem(problem);
  return reader.finish(config);
}
