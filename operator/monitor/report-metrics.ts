// Turns a checkpoint report into CloudWatch data points (per shard and per stream) through any MetricsSink.
import type { MetricsSink } from '../../common/metrics/metrics-sink';
import { DIMENSION, MONITOR_SHARD_METRIC, MONITOR_STREAM_METRIC } from '../../common/metrics/metric-names';
import type { CheckpointReport } from './checkpoint-status';

export function publishReport(sink: MetricsSink, report: CheckpointReport): void {
  const timestamp = new Date(report.observedAt);
  const stream = { [DIMENSION.application]: report.application, [DIMENSION.stream]: report.streamName };
  for (const row of report.shards) {
    if (row.status === 'finished' || row.status === 'orphan-lease') continue;
    const dimensions = { ...stream, [DIMENSION.shard]: row.shardId };
    if (row.lag?.timeBehindMs !== null && row.lag?.timeBehindMs !== undefined)
      sink.put({
        name: MONITOR_SHARD_METRIC.checkpointLagMs,
        value: row.lag.timeBehindMs,
        unit: 'Milliseconds',
        dimensions,
        timestamp,
      });
    if (row.lag?.recordsBehind !== null && row.lag?.recordsBehind !== undefined)
      sink.put({
        name: MONITOR_SHARD_METRIC.checkpointLagRecords,
        value: row.lag.recordsBehind,
        unit: 'Count',
        dimensions,
        timestamp,
      });
    sink.put({
      name: MONITOR_SHARD_METRIC.staleLease,
      value: row.staleLease ? 1 : 0,
      unit: 'Count',
      dimensions,
      timestamp,
    });
    if (row.leaseCounter !== null)
      sink.put({
        name: MONITOR_SHARD_METRIC.leaseCounter,
        value: row.leaseCounter,
        unit: 'Count',
        dimensions,
        timestamp,
      });
  }
  sink.put({
    name: MONITOR_STREAM_METRIC.maxCheckpointLagMs,
    value: report.summary.maxTimeBehindMs,
    unit: 'Milliseconds',
    dimensions: stream,
    timestamp,
  });
  sink.put({
    name: MONITOR_STREAM_METRIC.staleLeases,
    value: report.summary.staleLeases,
    unit: 'Count',
    dimensions: stream,
    timestamp,
  });
  sink.put({
    name: MONITOR_STREAM_METRIC.shardsWithoutLease,
    value: report.summary.shardsWithoutLease,
    unit: 'Count',
    dimensions: stream,
    timestamp,
  });
  sink.put({
    name: MONITOR_STREAM_METRIC.openShards,
    value: report.summary.openShards,
    unit: 'Count',
    dimensions: stream,
    timestamp,
  });
}
