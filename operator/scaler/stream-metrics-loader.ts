// Fetches the planner's metrics window for one stream through any MetricsSource (CloudWatch or the local store).
import type { MetricQuery, MetricsSource } from '../../common/metrics/metrics-source';
import { KINESIS_METRIC, KINESIS_NAMESPACE } from '../../common/metrics/metric-names';
import type { StreamMetricsWindow } from './stream-metrics-window';

const PERIOD_SECONDS = 60;

export async function loadStreamMetrics(
  source: MetricsSource,
  streamName: string,
  now: Date,
  windowMinutes: number,
): Promise<StreamMetricsWindow> {
  const end = new Date(Math.floor(now.getTime() / 60_000) * 60_000);
  const start = new Date(end.getTime() - windowMinutes * 60_000);
  const q = (id: string, name: string, stat: MetricQuery['stat']): MetricQuery => ({
    id,
    namespace: KINESIS_NAMESPACE,
    name,
    dimensions: { StreamName: streamName },
    stat,
    periodSeconds: PERIOD_SECONDS,
  });
  const [incomingBytes, incomingRecords, writeThrottled, getRecordsBytes, iteratorAge] = await source.getMetricData(
    [
      q('incomingBytes', KINESIS_METRIC.incomingBytes, 'Sum'),
      q('incomingRecords', KINESIS_METRIC.incomingRecords, 'Sum'),
      q('writeThrottled', KINESIS_METRIC.writeThrottled, 'Sum'),
      q('getRecordsBytes', KINESIS_METRIC.getRecordsBytes, 'Sum'),
      q('iteratorAge', KINESIS_METRIC.iteratorAgeMs, 'Maximum'),
    ],
    { start, end },
  );
  return {
    start,
    end,
    periodSeconds: PERIOD_SECONDS,
    incomingBytes: incomingBytes?.points ?? [],
    incomingRecords: incomingRecords?.points ?? [],
    writeThrottled: writeThrottled?.points ?? [],
    getRecordsBytes: getRecordsBytes?.points ?? [],
    iteratorAgeMaxMs: iteratorAge?.points ?? [],
  };
}
