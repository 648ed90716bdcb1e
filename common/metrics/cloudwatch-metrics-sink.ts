// MetricsSink adapter for CloudWatch: aggregated points go out in PutMetricData calls within the API's per-request limits.
import { PutMetricDataCommand, type CloudWatchClient, type MetricDatum as CwDatum } from '@aws-sdk/client-cloudwatch';
import { retry, DEFAULT_RETRY_POLICY, type RetryPolicy } from '../retry';
import { BufferedMetricsSink, type BufferedSinkOptions } from './buffered-metrics-sink';
import type { AggregatedPoint } from './metric-aggregator';

/** PutMetricData limits (API reference, 2024+): 1,000 metric data per request, 1 MB per HTTP POST, 30 dimensions. */
export const PUT_METRIC_DATA_MAX_DATA = 1000;
export const PUT_METRIC_DATA_MAX_BYTES = 1_000_000;
export const PUT_METRIC_DATA_MAX_DIMENSIONS = 30;

export interface CloudWatchSinkOptions extends BufferedSinkOptions {
  readonly namespace: string;
  readonly retryPolicy?: RetryPolicy;
}

export class CloudWatchMetricsSink extends BufferedMetricsSink {
  public constructor(
    private readonly client: CloudWatchClient,
    private readonly cw: CloudWatchSinkOptions,
  ) {
    super(cw);
  }

  protected async publish(points: readonly AggregatedPoint[]): Promise<void> {
    for (const batch of batchForPutMetricData(points.map(toCloudWatchDatum))) {
      await retry(
        () => this.client.send(new PutMetricDataCommand({ Namespace: this.cw.namespace, MetricData: batch })),
        {
          policy: this.cw.retryPolicy ?? { ...DEFAULT_RETRY_POLICY, maxAttempts: 3 },
          operation: 'PutMetricData',
        },
      );
    }
  }
}

/** One aggregated point as CloudWatch wants it: a single Value, or StatisticValues when several points were folded. */
export function toCloudWatchDatum(point: AggregatedPoint): CwDatum {
  const dimensions = Object.entries(point.dimensions)
    .slice(0, PUT_METRIC_DATA_MAX_DIMENSIONS)
    .map(([Name, Value]) => ({ Name, Value }));
  const s = point.statistics;
  const base: CwDatum = {
    MetricName: point.name,
    Unit: point.unit,
    Timestamp: point.timestamp,
    Dimensions: dimensions,
  };
  if (s.sampleCount === 1) return { ...base, Value: s.sum };
  return {
    ...base,
    StatisticValues: { SampleCount: s.sampleCount, Sum: s.sum, Minimum: s.minimum, Maximum: s.maximum },
  };
}

/** Splits data into requests of at most 1,000 data and (estimated, JSON) under 1 MB. */
export function batchForPutMetricData(
  data: readonly CwDatum[],
  maxData = PUT_METRIC_DATA_MAX_DATA,
  maxBytes = PUT_METRIC_DATA_MAX_BYTES,
): CwDatum[][] {
  const batches: CwDatum[][] = [];
  let current: CwDatum[] = [];
  let bytes = 0;
  for (const datum of data) {
    const size = Buffer.byteLength(JSON.stringify(datum)) + 1;
    if (current.length > 0 && (current.length >= maxData || bytes + size > maxBytes - 1024)) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(datum);
    bytes += size;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}
