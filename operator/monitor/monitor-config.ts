// The monitor's configuration: flags over environment over defaults, every problem reported at once.
import { ConfigReader, type Source } from '../../common/config/config-reader';
import { readAwsSettings, type AwsSettings } from '../../common/aws/aws-settings';
import { readMetricsConfig, type MetricsConfig } from '../../common/metrics/metrics-config';
import { readStreamName } from '../../common/config/stream-name';
import type { MonitorOptions } from './checkpoint-monitor';
import { MONITOR_SETTINGS as S } from './monitor-settings';

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
  const application = r.required(S.application.variable);
  const streamName = readStreamName(r, { required: true }) ?? '';
  const topics = r
    .string(S.alarmTopicArns.variable, '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  for (const t of topics) if (!t.startsWith('arn:')) r.problem(`${S.alarmTopicArns.variable}: "${t}" is not an ARN`);
  return r.finish({
    application,
    streamName,
    leaseTable: r.string(S.leaseTable.variable, application),
    options: {
      failoverTimeMs: r.integer(S.failoverTimeMs.variable, S.failoverTimeMs.default, { min: 1_000 }),
      lagThresholdMs: r.integer(S.lagThresholdMs.variable, S.lagThresholdMs.default, { min: 0 }),
      maxRecordsToCount: r.integer(S.maxRecordsToCount.variable, S.maxRecordsToCount.default, { min: 1, max: 100_000 }),
      maxGetRecordsCalls: r.integer(S.maxGetRecordsCalls.variable, S.maxGetRecordsCalls.default, { min: 1, max: 50 }),
    },
    intervalSeconds: r.integer(S.intervalSeconds.variable, S.intervalSeconds.default, { min: 0, max: 86_400 }),
    stateFile: r.string(S.stateFile.variable, `.local/monitor/${application}-${streamName}.state.json`),
    metrics: readMetricsConfig(r, { flushIntervalMs: S.metricsFlushIntervalMs.default }),
    aws: readAwsSettings(r),
    checkpointAgeAlarmMs: r.integer(S.checkpointAgeAlarmMs.variable, S.checkpointAgeAlarmMs.default, { min: 1_000 }),
    alarmTopicArns: topics,
    dashboardName: r.string(S.dashboardName.variable, `${application}-${streamName}-checkpoints`),
  });
}
