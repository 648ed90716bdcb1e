// The scaler's tunables and Kinesis' per-shard quotas; one frozen object, validated where it is read.
import { SHARD_WRITE_BYTES_PER_SECOND, SHARD_WRITE_RECORDS_PER_SECOND } from '../../producer/producer-options';

/** Per-shard quotas utilisation is measured against. */
export interface ShardQuota {
  readonly writeBytesPerSec: number;
  readonly writeRecordsPerSec: number;
  readonly readBytesPerSec: number;
}

/** Per-shard quotas of a provisioned stream (Kinesis Data Streams quotas). */
export const SHARD_QUOTA: ShardQuota = Object.freeze({
  writeBytesPerSec: SHARD_WRITE_BYTES_PER_SECOND,
  writeRecordsPerSec: SHARD_WRITE_RECORDS_PER_SECOND,
  readBytesPerSec: 2 * 1024 * 1024,
});

/** UpdateShardCount: at most 10 calls per stream per rolling 24 hours. */
export const UPDATE_SHARD_COUNT_DAILY_LIMIT = 10;

export interface ScalingPolicy {
  readonly minShards: number;
  readonly maxShards: number;
  /** Utilisation (0..1) a new shard count is sized for: the headroom. */
  readonly targetUtilisation: number;
  /** Scale up when the sizing load's utilisation exceeds this. */
  readonly scaleUpThreshold: number;
  /** Scale down only when utilisation is below this (the gap to scaleUpThreshold is the hysteresis). */
  readonly scaleDownThreshold: number;
  /** Look-back window, and how many newest minutes are treated as incomplete (CloudWatch delivers late). */
  readonly windowMinutes: number;
  readonly incompleteMinutes: number;
  /** The sizing load is the larger of this percentile of per-minute rates over the window and the mean of the recent minutes. */
  readonly sizingPercentile: number;
  readonly recentMinutes: number;
  /** Throttled minutes within the recent minutes that trigger a scale-up even when averages look low. */
  readonly throttledMinutesToScaleUp: number;
  /** On throttling, grow to at least ceil(current * this). */
  readonly throttleGrowthFactor: number;
  /** Scale-down is blocked while the recent maximum iterator age exceeds this. */
  readonly maxIteratorAgeMsForScaleDown: number;
  /** No scale-down within this many minutes of the last scaling operation. */
  readonly scaleDownCooldownMinutes: number;
  /** Operations of the daily 10 kept for emergencies (scale-up on throttling or over-quota load). */
  readonly reservedOperations: number;
  /** US$ per shard-hour, for the cost line (us-east-1 provisioned: 0.015). */
  readonly shardHourPriceUsd: number;
  /**
   * The per-shard quotas (default: Kinesis' own, SHARD_QUOTA). Only a local emulator that cannot carry a real shard's
   * quota (the scale scenario on a small machine) sets smaller ones; in the cloud leave them alone.
   */
  readonly shardQuota: ShardQuota;
}

export const DEFAULT_SCALING_POLICY: ScalingPolicy = Object.freeze({
  minShards: 1,
  maxShards: 64,
  targetUtilisation: 0.6,
  scaleUpThreshold: 0.8,
  scaleDownThreshold: 0.3,
  windowMinutes: 60,
  incompleteMinutes: 3,
  sizingPercentile: 0.9,
  recentMinutes: 10,
  throttledMinutesToScaleUp: 2,
  throttleGrowthFactor: 1.5,
  maxIteratorAgeMsForScaleDown: 60_000,
  scaleDownCooldownMinutes: 60,
  reservedOperations: 2,
  shardHourPriceUsd: 0.015,
  shardQuota: SHARD_QUOTA,
});

/** Cross-field problems of a policy (an empty list means valid). */
export function policyProblems(p: ScalingPolicy): string[] {
  const problems: string[] = [];
  if (!(p.minShards >= 1 && p.minShards <= p.maxShards))
    problems.push(`minShards (${p.minShards}) must be >= 1 and <= maxShards (${p.maxShards})`);
  if (!(p.scaleDownThreshold < p.targetUtilisation && p.targetUtilisation < p.scaleUpThreshold)) {
    problems.push(
      `thresholds must satisfy scaleDownThreshold < targetUtilisation < scaleUpThreshold, got ${p.scaleDownThreshold} / ${p.targetUtilisation} / ${p.scaleUpThreshold}`,
    );
  }
  if (p.incompleteMinutes + p.recentMinutes > p.windowMinutes)
    problems.push('windowMinutes must cover incompleteMinutes + recentMinutes');
  if (p.reservedOperations < 0 || p.reservedOperations >= UPDATE_SHARD_COUNT_DAILY_LIMIT)
    problems.push(`reservedOperations must be 0..${UPDATE_SHARD_COUNT_DAILY_LIMIT - 1}`);
  if (p.throttleGrowthFactor <= 1) problems.push('throttleGrowthFactor must be > 1');
  return problems;
}
