// The monitor's configuration: flags over environment over defaults, every problem reported at once.
import { ConfigReader, type Source } from '../../common/config/config-reader';
import { readAwsSettings, type AwsSettings } from '../../common/aws/aws-settings';
import { readMetricsConfig, type MetricsConfig } from '../../common/metrics/metrics-config';
import type { MonitorOptions } from './checkpoint-monitor';

export interface MonitorConfig {
  readonly application: string;
  readonly streamName: string;
  readonly leaseTable: string;
  readonly options: MonitorOptions;
  readonly intervalSeconds: number;
  readonly stateFile: string;
  readonly metrics: MetricsConfig;
  readonly aws: AwsSettings;
  readonly checkpointAgeAlarmMs: number;
  readonly alarmTopicArns: readonly string[];
  readonly dashboardName: string;
}

export function readMonitorConfig(overrides: Source, env: Source): Readonly<MonitorConfig> {
  const r = new ConfigReader('monitor configuration', [overrides, env]);
  const application = r.required('KCL_APPLICATION_NAME');
  const streamName = r.required('STREAM_NAME');
  const topics = r
    .string('MONITOR_ALARM_TOPIC_ARNS', '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  for (const t of topics) if (!t.startsWith('arn:')) r.problem(`MONITOR_ALARM_TOPIC_ARNS: "${t}" is not an ARN`);
  return r.finish({
    application,
    streamName,
    leaseTable: r.string('LEASE_TABLE', application),
    options: {
      failoverTimeMs: r.integer('MONITOR_FAILOVER_TIME_MS', 10_000, { min: 1_000 }),
      lagThresholdMs: r.integer('MONITOR_LAG_THRESHOLD_MS', 60_000, { min: 0 }),
      maxRecordsToCount: r.integer('MONITOR_MAX_RECORDS_TO_COUNT', 1_000, { min: 1, max: 100_000 }),
      maxGetRecordsCalls: r.integer('MONITOR_MAX_GET_RECORDS_CALLS', 3, { min: 1, max: 50 }),
    },
    intervalSeconds: r.integer('MONITOR_INTERVAL_SECONDS', 0, { min: 0, max: 86_400 }),
    stateFile: r.string('MONITOR_STATE_FILE', `.local/monitor/${application}-${streamName}.state.json`),
    metrics: readMetricsConfig(r, { flushIntervalMs: 0 }),
    aws: readAwsSettings(r),
    checkpointAgeAlarmMs: r.integer('MONITOR_CHECKPOINT_AGE_ALARM_MS', 300_000, { min: 1_000 }),
    alarmTopicArns: topics,
    dashboardName: r.string('MONITOR_DASHBOARD_NAME', `${application}-${streamName}-checkpoints`),
  });
}
