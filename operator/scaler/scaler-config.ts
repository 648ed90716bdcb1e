// The scaler's configuration: command-line overrides over the environment over defaults, every problem reported at once.
import * as os from 'node:os';
import { ConfigReader, type Source } from '../../common/config/config-reader';
import { readAwsSettings, type AwsSettings } from '../../common/aws/aws-settings';
import { DEFAULT_LOCAL_METRICS_DIR } from '../../common/metrics/metrics-config';
import { DEFAULT_SCALING_POLICY, policyProblems, type ScalingPolicy } from './scaling-policy';
import { DEFAULT_SCALER_TABLE } from './scaler-store';

export interface ScalerConfig {
  readonly streamName: string;
  readonly policy: ScalingPolicy;
  readonly aws: AwsSettings;
  readonly table: string;
  /** Where `plan` reads AWS/Kinesis metrics: CloudWatch, or the local store the local producer/consumer write. */
  readonly metricsSource: 'cloudwatch' | 'local';
  readonly metricsDir: string;
  readonly operator: string;
  readonly lockTtlMs: number;
  readonly maxPlanAgeMs: number;
  readonly activeTimeoutMs: number;
  readonly pollIntervalMs: number;
}

/** Variable names double as the override keys the CLI fills from its flags. */
export function readScalerConfig(overrides: Source, env: Source, needStream: boolean): Readonly<ScalerConfig> {
  const r = new ConfigReader('scaler configuration', [overrides, env]);
  const d = DEFAULT_SCALING_POLICY;
  const policy: ScalingPolicy = {
    minShards: r.integer('SCALER_MIN_SHARDS', d.minShards, { min: 1 }),
    maxShards: r.integer('SCALER_MAX_SHARDS', d.maxShards, { min: 1, max: 10_000 }),
    targetUtilisation: r.number('SCALER_TARGET_UTILISATION', d.targetUtilisation, { min: 0.05, max: 1 }),
    scaleUpThreshold: r.number('SCALER_SCALE_UP_THRESHOLD', d.scaleUpThreshold, { min: 0.05, max: 2 }),
    scaleDownThreshold: r.number('SCALER_SCALE_DOWN_THRESHOLD', d.scaleDownThreshold, { min: 0, max: 1 }),
    windowMinutes: r.integer('SCALER_WINDOW_MINUTES', d.windowMinutes, { min: 2, max: 1440 }),
    incompleteMinutes: r.integer('SCALER_INCOMPLETE_MINUTES', d.incompleteMinutes, { min: 0, max: 30 }),
    sizingPercentile: r.number('SCALER_SIZING_PERCENTILE', d.sizingPercentile, { min: 0.5, max: 1 }),
    recentMinutes: r.integer('SCALER_RECENT_MINUTES', d.recentMinutes, { min: 1, max: 120 }),
    throttledMinutesToScaleUp: r.integer('SCALER_THROTTLED_MINUTES', d.throttledMinutesToScaleUp, { min: 1 }),
    throttleGrowthFactor: r.number('SCALER_THROTTLE_GROWTH_FACTOR', d.throttleGrowthFactor, { min: 1, max: 2 }),
    maxIteratorAgeMsForScaleDown: r.integer('SCALER_MAX_ITERATOR_AGE_MS', d.maxIteratorAgeMsForScaleDown, { min: 0 }),
    scaleDownCooldownMinutes: r.integer('SCALER_SCALE_DOWN_COOLDOWN_MINUTES', d.scaleDownCooldownMinutes, { min: 0 }),
    reservedOperations: r.integer('SCALER_RESERVED_OPERATIONS', d.reservedOperations, { min: 0, max: 9 }),
    shardHourPriceUsd: r.number('SCALER_SHARD_HOUR_PRICE_USD', d.shardHourPriceUsd, { min: 0 }),
    // Kinesis' quotas unless a local emulator cannot carry them (the scale scenario); nothing else should set these.
    shardQuota: {
      writeBytesPerSec: r.integer('SCALER_SHARD_WRITE_BYTES_PER_SEC', d.shardQuota.writeBytesPerSec, { min: 1 }),
      writeRecordsPerSec: r.integer('SCALER_SHARD_WRITE_RECORDS_PER_SEC', d.shardQuota.writeRecordsPerSec, { min: 1 }),
      readBytesPerSec: r.integer('SCALER_SHARD_READ_BYTES_PER_SEC', d.shardQuota.readBytesPerSec, { min: 1 }),
    },
  };
  for (const problem of policyProblems(policy)) r.problem(problem);
  const streamName = needStream ? r.required('STREAM_NAME') : r.string('STREAM_NAME', '');
  return r.finish({
    streamName,
    policy,
    aws: readAwsSettings(r),
    table: r.string('SCALER_TABLE', DEFAULT_SCALER_TABLE),
    metricsSource: r.oneOf('SCALER_METRICS_SOURCE', ['cloudwatch', 'local'] as const, 'cloudwatch'),
    metricsDir: r.string('METRICS_DIR', DEFAULT_LOCAL_METRICS_DIR),
    operator: r.string('SCALER_OPERATOR', `${os.userInfo().username}@${os.hostname()}`),
    lockTtlMs: r.integer('SCALER_LOCK_TTL_MS', 15 * 60_000, { min: 10_000 }),
    maxPlanAgeMs: r.integer('SCALER_MAX_PLAN_AGE_MINUTES', 30, { min: 1 }) * 60_000,
    activeTimeoutMs: r.integer('SCALER_ACTIVE_TIMEOUT_MS', 30 * 60_000, { min: 1_000 }),
    pollIntervalMs: r.integer('SCALER_POLL_INTERVAL_MS', 5_000, { min: 50 }),
  });
}
