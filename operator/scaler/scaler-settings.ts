// The scaler's environment contract: every variable it reads, its default and meaning (read by scaler-config.ts, written by the deployment and the local autoscaler).
import { AWS_SETTINGS } from '../../common/aws/aws-settings';
import { settingsEnv, type SettingsTable, type SettingsValues } from '../../common/config/setting';
import { STREAM_NAME_SETTING } from '../../common/config/stream-name';
import { METRICS_SETTINGS } from '../../common/metrics/metrics-config';
import { DEFAULT_SCALING_POLICY as D } from './scaling-policy';
import { DEFAULT_SCALER_TABLE } from './scaler-store';

export const SCALER_SETTINGS = {
  streamName: STREAM_NAME_SETTING,
  minShards: { variable: 'SCALER_MIN_SHARDS', default: D.minShards, doc: 'lower bound' },
  maxShards: { variable: 'SCALER_MAX_SHARDS', default: D.maxShards, doc: 'upper bound' },
  targetUtilisation: { variable: 'SCALER_TARGET_UTILISATION', default: D.targetUtilisation, doc: 'headroom' },
  scaleUpThreshold: { variable: 'SCALER_SCALE_UP_THRESHOLD', default: D.scaleUpThreshold, doc: 'hysteresis (up)' },
  scaleDownThreshold: {
    variable: 'SCALER_SCALE_DOWN_THRESHOLD',
    default: D.scaleDownThreshold,
    doc: 'hysteresis (down)',
  },
  windowMinutes: { variable: 'SCALER_WINDOW_MINUTES', default: D.windowMinutes, doc: 'metric window' },
  incompleteMinutes: {
    variable: 'SCALER_INCOMPLETE_MINUTES',
    default: D.incompleteMinutes,
    doc: 'newest minutes left out (still filling)',
  },
  sizingPercentile: { variable: 'SCALER_SIZING_PERCENTILE', default: D.sizingPercentile, doc: 'minute sized for' },
  recentMinutes: { variable: 'SCALER_RECENT_MINUTES', default: D.recentMinutes, doc: 'the recent part of the window' },
  throttledMinutes: {
    variable: 'SCALER_THROTTLED_MINUTES',
    default: D.throttledMinutesToScaleUp,
    doc: 'throttled minutes that force a scale-up',
  },
  throttleGrowthFactor: {
    variable: 'SCALER_THROTTLE_GROWTH_FACTOR',
    default: D.throttleGrowthFactor,
    doc: 'growth on throttling',
  },
  maxIteratorAgeMs: {
    variable: 'SCALER_MAX_ITERATOR_AGE_MS',
    default: D.maxIteratorAgeMsForScaleDown,
    doc: 'scale-down blocked above this consumer lag',
  },
  scaleDownCooldownMinutes: {
    variable: 'SCALER_SCALE_DOWN_COOLDOWN_MINUTES',
    default: D.scaleDownCooldownMinutes,
    doc: 'no scale-down right after a change',
  },
  reservedOperations: {
    variable: 'SCALER_RESERVED_OPERATIONS',
    default: D.reservedOperations,
    doc: 'of the daily 10, kept for emergencies',
  },
  shardHourPriceUsd: { variable: 'SCALER_SHARD_HOUR_PRICE_USD', default: D.shardHourPriceUsd, doc: 'cost line' },
  shardWriteBytesPerSec: {
    variable: 'SCALER_SHARD_WRITE_BYTES_PER_SEC',
    default: D.shardQuota.writeBytesPerSec,
    doc: "per-shard write quota (Kinesis' own; only the local scale scenario lowers it)",
  },
  shardWriteRecordsPerSec: {
    variable: 'SCALER_SHARD_WRITE_RECORDS_PER_SEC',
    default: D.shardQuota.writeRecordsPerSec,
    doc: 'per-shard record quota',
  },
  shardReadBytesPerSec: {
    variable: 'SCALER_SHARD_READ_BYTES_PER_SEC',
    default: D.shardQuota.readBytesPerSec,
    doc: 'per-shard read quota',
  },
  table: { variable: 'SCALER_TABLE', default: DEFAULT_SCALER_TABLE, doc: 'lock and ledger table' },
  metricsSource: {
    variable: 'SCALER_METRICS_SOURCE',
    default: 'cloudwatch',
    doc: '`cloudwatch`, or `local`: the local metrics store (the default when the local stack is picked)',
  },
  metricsDir: METRICS_SETTINGS.metricsDir,
  operator: { variable: 'SCALER_OPERATOR', doc: 'who holds the lock (default user@host)' },
  lockTtlMs: { variable: 'SCALER_LOCK_TTL_MS', default: 15 * 60_000, doc: 'lifetime of the lock' },
  maxPlanAgeMinutes: { variable: 'SCALER_MAX_PLAN_AGE_MINUTES', default: 30, doc: 'older plans are not applied' },
  activeTimeoutMs: {
    variable: 'SCALER_ACTIVE_TIMEOUT_MS',
    default: 30 * 60_000,
    doc: 'longest wait for the stream to become ACTIVE',
  },
  pollIntervalMs: { variable: 'SCALER_POLL_INTERVAL_MS', default: 5_000, doc: 'stream status poll' },
  logFile: { variable: 'SCALER_LOG_FILE', doc: 'the log file (default .local/logs/scaler.log)' },
  ...AWS_SETTINGS,
} as const satisfies SettingsTable;

/** The environment for a scaler process (the deployment's task, the local autoscaler). */
export function scalerEnv(settings: SettingsValues<typeof SCALER_SETTINGS>): Record<string, string> {
  return settingsEnv(SCALER_SETTINGS, settings);
}
