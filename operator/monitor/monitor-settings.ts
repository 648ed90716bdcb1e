// The checkpoint monitor's environment contract: every variable it reads, its default and meaning (read by monitor-config.ts and checkpoint-view.ts).
import { AWS_SETTINGS } from '../../common/aws/aws-settings';
import { settingsEnv, type SettingsTable, type SettingsValues } from '../../common/config/setting';
import { STREAM_NAME_SETTING } from '../../common/config/stream-name';
import { METRICS_SETTINGS } from '../../common/metrics/metrics-config';

export const MONITOR_SETTINGS = {
  application: { variable: 'KCL_APPLICATION_NAME', doc: 'the KCL application (required; `--app`)' },
  streamName: STREAM_NAME_SETTING,
  leaseTable: { variable: 'LEASE_TABLE', doc: 'the lease table (default: the application name)' },
  failoverTimeMs: {
    variable: 'MONITOR_FAILOVER_TIME_MS',
    default: 10_000,
    doc: "the daemon's failoverTimeMillis: a lease not renewed for longer is expired",
  },
  lagThresholdMs: { variable: 'MONITOR_LAG_THRESHOLD_MS', default: 60_000, doc: 'a shard further behind is lagging' },
  maxRecordsToCount: {
    variable: 'MONITOR_MAX_RECORDS_TO_COUNT',
    default: 1_000,
    doc: 'records counted behind a checkpoint',
  },
  maxGetRecordsCalls: {
    variable: 'MONITOR_MAX_GET_RECORDS_CALLS',
    default: 3,
    doc: 'GetRecords calls per shard per observation',
  },
  intervalSeconds: { variable: 'MONITOR_INTERVAL_SECONDS', default: 0, doc: 'repeat every N s (0: once)' },
  stateFile: {
    variable: 'MONITOR_STATE_FILE',
    doc: 'observations between runs (default .local/monitor/<app>-<stream>.state.json)',
  },
  checkpointAgeAlarmMs: {
    variable: 'MONITOR_CHECKPOINT_AGE_ALARM_MS',
    default: 300_000,
    doc: 'alarm threshold on the checkpoint age',
  },
  alarmTopicArns: { variable: 'MONITOR_ALARM_TOPIC_ARNS', doc: 'comma-separated SNS topics of the alarms' },
  dashboardName: {
    variable: 'MONITOR_DASHBOARD_NAME',
    doc: 'CloudWatch dashboard (default `<app>-<stream>-checkpoints`)',
  },
  logFile: { variable: 'MONITOR_LOG_FILE', doc: 'the log file (default .local/logs/monitor.log)' },
  ...METRICS_SETTINGS,
  // The monitor publishes when it runs, not on a timer: flushed at once unless set.
  metricsFlushIntervalMs: { ...METRICS_SETTINGS.metricsFlushIntervalMs, default: 0 },
  ...AWS_SETTINGS,
} as const satisfies SettingsTable;

/** The environment for a monitor process (the deployment's task). */
export function monitorEnv(settings: SettingsValues<typeof MONITOR_SETTINGS>): Record<string, string> {
  return settingsEnv(MONITOR_SETTINGS, settings);
}
