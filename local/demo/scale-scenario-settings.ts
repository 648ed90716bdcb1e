// The scale scenario's rates and timings (`npm run demo -- --scenario scale`), with the production values they stand in for.
import { scalerEnv } from '../../operator/scaler/scaler-settings';

export interface ScaleScenarioSettings {
  /**
   * The per-shard write quota in records per second the scaler measures against (Kinesis: 1,000). The byte quotas are
   * scaled by the same ratio. kinesis-local on a shared 2-core machine carries ~130 records/s, far from a real shard's
   * quota, so the scenario defaults to a 1/20 quota; on a machine that can carry it, pass 1000.
   */
  readonly shardRecordsQuota: number;
  /** User records per second during the overload (unaggregated: one Kinesis record each). */
  readonly overloadRate: number;
  /** User records per second before and after the overload. */
  readonly lowRate: number;
  /** SCALER_SCALE_DOWN_COOLDOWN_MINUTES for the run (production default 60). */
  readonly cooldownMinutes: number;
  /** SCALER_WINDOW_MINUTES for the run (production default 60). */
  readonly windowMinutes: number;
  /** Seconds between scheduled scaler runs. */
  readonly scalerIntervalSeconds: number;
  readonly timeoutSeconds: number;
}

export const SCALE_SCENARIO_DEFAULTS: ScaleScenarioSettings = {
  shardRecordsQuota: 50,
  overloadRate: 55,
  lowRate: 5,
  cooldownMinutes: 2,
  windowMinutes: 3,
  scalerIntervalSeconds: 10,
  timeoutSeconds: 900,
};

/** The scaler's SHARD_* quota settings for a records quota, bytes scaled by the same ratio to Kinesis' quotas. */
export function scenarioQuotaEnv(shardRecordsQuota: number): Record<string, string> {
  const ratio = shardRecordsQuota / 1_000;
  return scalerEnv({
    shardWriteRecordsPerSec: shardRecordsQuota,
    shardWriteBytesPerSec: Math.max(1, Math.round(1024 * 1024 * ratio)),
    shardReadBytesPerSec: Math.max(1, Math.round(2 * 1024 * 1024 * ratio)),
  });
}
