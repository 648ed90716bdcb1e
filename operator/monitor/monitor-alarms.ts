// The alarms (checkpoint age, stale lease, shard without lease, held batch) and the dashboard the monitor can create for an application and stream.
import {
  PutDashboardCommand,
  PutMetricAlarmCommand,
  type CloudWatchClient,
  type PutMetricAlarmCommandInput,
} from '@aws-sdk/client-cloudwatch';
import {
  CONSUMER_METRIC,
  DIMENSION,
  MONITOR_SHARD_METRIC,
  MONITOR_STREAM_METRIC,
} from '../../common/metrics/metric-names';

export interface AlarmOptions {
  readonly namespace: string;
  readonly application: string;
  readonly streamName: string;
  readonly checkpointAgeThresholdMs: number;
  /** A batch held by a systemic sink failure for longer than this raises the held-batch alarm. Default 10 minutes. */
  readonly heldBatchAgeThresholdMs?: number;
  /** SNS topic ARNs notified on ALARM and OK. */
  readonly actions: readonly string[];
}

/** The held-batch alarm's default threshold: well past the fast retries (seconds) and a few slow ones. */
export const DEFAULT_HELD_BATCH_AGE_THRESHOLD_MS = 600_000;

export function alarmDefinitions(o: AlarmOptions): PutMetricAlarmCommandInput[] {
  const dims = [
    { Name: DIMENSION.application, Value: o.application },
    { Name: DIMENSION.stream, Value: o.streamName },
  ];
  const base = {
    Namespace: o.namespace,
    Dimensions: dims,
    Period: 60,
    Statistic: 'Maximum' as const,
    AlarmActions: [...o.actions],
    OKActions: [...o.actions],
  };
  const prefix = `${o.application}-${o.streamName}`;
  const heldThresholdMs = o.heldBatchAgeThresholdMs ?? DEFAULT_HELD_BATCH_AGE_THRESHOLD_MS;
  return [
    {
      ...base,
      AlarmName: `${prefix}-checkpoint-age`,
      MetricName: MONITOR_STREAM_METRIC.maxCheckpointLagMs,
      ComparisonOperator: 'GreaterThanThreshold',
      Threshold: o.checkpointAgeThresholdMs,
      EvaluationPeriods: 5,
      DatapointsToAlarm: 3,
      TreatMissingData: 'breaching',
      AlarmDescription: `A shard's checkpoint is more than ${o.checkpointAgeThresholdMs / 1000} s behind the tip in 3 of 5 minutes (missing data counts: the monitor itself stopped).`,
    },
    {
      ...base,
      AlarmName: `${prefix}-stale-lease`,
      MetricName: MONITOR_STREAM_METRIC.staleLeases,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      Threshold: 1,
      EvaluationPeriods: 2,
      DatapointsToAlarm: 2,
      TreatMissingData: 'missing',
      AlarmDescription:
        'A lease counter has not moved within the failover time for 2 minutes: its worker is stuck or gone.',
    },
    {
      ...base,
      AlarmName: `${prefix}-shard-without-lease`,
      MetricName: MONITOR_STREAM_METRIC.shardsWithoutLease,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      Threshold: 1,
      EvaluationPeriods: 10,
      DatapointsToAlarm: 10,
      TreatMissingData: 'missing',
      AlarmDescription: 'An open shard has had no lease for 10 minutes: nobody consumes it.',
    },
    {
      ...base,
      AlarmName: `${prefix}-held-batch`,
      MetricName: CONSUMER_METRIC.heldBatchAgeMs,
      ComparisonOperator: 'GreaterThanThreshold',
      Threshold: heldThresholdMs,
      // Points come only while a batch is held, one per slow retry (30-120 s apart): one above the threshold in the last
      // 5 minutes is enough, and silence means nothing is held.
      EvaluationPeriods: 5,
      DatapointsToAlarm: 1,
      TreatMissingData: 'notBreaching',
      AlarmDescription: `A consumer has held a batch for more than ${heldThresholdMs / 60_000} min: a sink fails systemically (missing table, access denied, unreachable), its shard loads and checkpoints nothing, and records expire with the stream's retention.`,
    },
  ];
}

export async function createAlarms(cw: CloudWatchClient, o: AlarmOptions): Promise<string[]> {
  const defs = alarmDefinitions(o);
  for (const def of defs) await cw.send(new PutMetricAlarmCommand(def));
  return defs.map((d) => d.AlarmName ?? '');
}

/** A dashboard body: stream-level lag and lease health, per-shard lag (SEARCH, so new shards appear), and the consumer's own metrics. */
export function dashboardBody(o: Omit<AlarmOptions, 'actions'>, region: string): string {
  const ns = o.namespace;
  const streamDims = [DIMENSION.application, o.application, DIMENSION.stream, o.streamName];
  const perShard = (metric: string, stat: string): string =>
    `SEARCH('{${ns},${DIMENSION.application},${DIMENSION.stream},${DIMENSION.shard}} MetricName="${metric}" ${DIMENSION.application}="${o.application}" ${DIMENSION.stream}="${o.streamName}"', '${stat}', 60)`;
  const widget = (
    x: number,
    y: number,
    title: string,
    metrics: unknown[],
    extra: Record<string, unknown> = {},
  ): Record<string, unknown> => ({
    type: 'metric',
    x,
    y,
    width: 12,
    height: 6,
    properties: { title, region, view: 'timeSeries', stat: 'Maximum', period: 60, metrics, ...extra },
  });
  return JSON.stringify({
    widgets: [
      widget(
        0,
        0,
        'Checkpoint lag: max across shards (ms)',
        [[ns, MONITOR_STREAM_METRIC.maxCheckpointLagMs, ...streamDims]],
        { annotations: { horizontal: [{ value: o.checkpointAgeThresholdMs, label: 'alarm' }] } },
      ),
      widget(12, 0, 'Lease health', [
        [ns, MONITOR_STREAM_METRIC.staleLeases, ...streamDims],
        ['.', MONITOR_STREAM_METRIC.shardsWithoutLease, '.', '.', '.', '.'],
        ['.', MONITOR_STREAM_METRIC.openShards, '.', '.', '.', '.'],
      ]),
      widget(0, 6, 'Checkpoint lag per shard (ms)', [
        [{ expression: perShard(MONITOR_SHARD_METRIC.checkpointLagMs, 'Maximum'), id: 'lag' }],
      ]),
      widget(12, 6, 'Records behind per shard', [
        [{ expression: perShard(MONITOR_SHARD_METRIC.checkpointLagRecords, 'Maximum'), id: 'rec' }],
      ]),
      widget(0, 12, 'Consumer: records processed / dead-lettered per minute', [
        [{ expression: perShard(CONSUMER_METRIC.recordsProcessed, 'Sum'), id: 'proc' }],
        [{ expression: perShard(CONSUMER_METRIC.recordsDeadLettered, 'Sum'), id: 'dlq' }],
      ]),
      widget(12, 12, 'Consumer: millisBehindLatest and time since checkpoint (ms)', [
        [{ expression: perShard(CONSUMER_METRIC.millisBehindLatest, 'Maximum'), id: 'mbl' }],
        [{ expression: perShard(CONSUMER_METRIC.timeSinceLastCheckpoint, 'Maximum'), id: 'tslc' }],
      ]),
    ],
  });
}

export async function createDashboard(
  cw: CloudWatchClient,
  name: string,
  o: Omit<AlarmOptions, 'actions'>,
  region: string,
): Promise<void> {
  await cw.send(new PutDashboardCommand({ DashboardName: name, DashboardBody: dashboardBody(o, region) }));
}
