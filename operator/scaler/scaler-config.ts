// The scaler's configuration: command-line overrides over the environment over defaults, every problem reported at once.
import * as os from 'node:os';
import { ConfigReader, type Source } from '../../common/config/config-reader';
import { readAwsSettings, type AwsSettings } from '../../common/aws/aws-settings';
import { readStreamName } from '../../common/config/stream-name';
import { policyProblems, type ScalingPolicy } from './scaling-policy';
import { SCALER_SETTINGS as S } from './scaler-settings';

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
  const policy: ScalingPolicy = {
    minShards: r.integer(S.minShards.variable, S.minShards.default, { min: 1 }),
    maxShards: r.integer(S.maxShards.variable, S.maxShards.default, { min: 1, max: 10_000 }),
    targetUtilisation: r.number(S.targetUtilisation.variable, S.targetUtilisation.default, { min: 0.05, max: 1 }),
    scaleUpThreshold: r.number(S.scaleUpThreshold.variable, S.scaleUpThreshold.default, { min: 0.05, max: 2 }),
    scaleDownThreshold: r.number(S.scaleDownThreshold.variable, S.scaleDownThreshold.default, { min: 0, max: 1 }),
    windowMinutes: r.integer(S.windowMinutes.variable, S.windowMinutes.default, { min: 2, max: 1440 }),
    incompleteMinutes: r.integer(S.incompleteMinutes.variable, S.incompleteMinutes.default, { min: 0, max: 30 }),
    sizingPercentile: r.number(S.sizingPercentile.variable, S.sizingPercentile.default, { min: 0.5, max: 1 }),
    recentMinutes: r.integer(S.recentMinutes.variable, S.recentMinutes.default, { min: 1, max: 120 }),
    throttledMinutesToScaleUp: r.integer(S.throttledMinutes.variable, S.throttledMinutes.default, { min: 1 }),
    throttleGrowthFactor: r.number(S.throttleGrowthFactor.variable, S.throttleGrowthFactor.default, { min: 1, max: 2 }),
    maxIteratorAgeMsForScaleDown: r.integer(S.maxIteratorAgeMs.variable, S.maxIteratorAgeMs.default, { min: 0 }),
    scaleDownCooldownMinutes: r.integer(S.scaleDownCooldownMinutes.variable, S.scaleDownCooldownMinutes.default, {
      min: 0,
    }),
    reservedOperations: r.integer(S.reservedOperations.variable, S.reservedOperations.default, { min: 0, max: 9 }),
    shardHourPriceUsd: r.number(S.shardHourPriceUsd.variable, S.shardHourPriceUsd.default, { min: 0 }),
    // Kinesis' quotas unless a local emulator cannot carry them (the scale scenario); nothing else should set these.
    shardQuota: {
      writeBytesPerSec: r.integer(S.shardWriteBytesPerSec.variable, S.shardWriteBytesPerSec.default, { min: 1 }),
      writeRecordsPerSec: r.integer(S.shardWriteRecordsPerSec.variable, S.shardWriteRecordsPerSec.default, { min: 1 }),
      readBytesPerSec: r.integer(S.shardReadBytesPerSec.variable, S.shardReadBytesPerSec.default, { min: 1 }),
    },
  };
  for (const problem of policyProblems(policy)) r.problem(problem);
  const streamName = readStreamName(r, { required: needStream }) ?? '';
  return r.finish({
    streamName,
    policy,
    aws: readAwsSettings(r),
    table: r.string(S.table.variable, S.table.default),
    metricsSource: r.oneOf(S.metricsSource.variable, ['cloudwatch', 'local'] as const, S.metricsSource.default),
    metricsDir: r.string(S.metricsDir.variable, S.metricsDir.default),
    operator: r.string(S.operator.variable, `${os.userInfo().username}@${os.hostname()}`),
    lockTtlMs: r.integer(S.lockTtlMs.variable, S.lockTtlMs.default, { min: 10_000 }),
    maxPlanAgeMs: r.integer(S.maxPlanAgeMinutes.variable, S.maxPlanAgeMinutes.default, { min: 1 }) * 60_000,
    activeTimeoutMs: r.integer(S.activeTimeoutMs.variable, S.activeTimeoutMs.default, { min: 1_000 }),
    pollIntervalMs: r.integer(S.pollIntervalMs.variable, S.pollIntervalMs.default, { min: 50 }),
  });
}
