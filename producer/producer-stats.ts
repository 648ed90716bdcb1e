// Counts what the producer did and turns it into a stats() snapshot and MetricsSink data points.
import type { MetricDatum, MetricsSink } from '../common/metrics/metrics-sink';
import { PRODUCER_REQUEST_METRIC } from '../common/metrics/producer-throughput-sink';
import { LatencyHistogram } from './latency-histogram';

export interface ProducerStatsSnapshot {
  readonly userRecordsPut: number;
  readonly userRecordsFailed: number;
  readonly userRecordsExpired: number;
  readonly kinesisRecordsPut: number;
  readonly bytesPut: number;
  readonly putRecordsRequests: number;
  readonly retries: number;
  readonly throttles: number;
  readonly reshardsDetected: number;
  readonly userRecordsPerKinesisRecord: number;
  readonly bytesPerKinesisRecord: number;
  readonly latencyMs: { readonly p50: number; readonly p90: number; readonly p99: number; readonly max: number };
  readonly bufferedUserRecords: number;
}

type Counter =
  | 'userRecordsPut'
  | 'userRecordsFailed'
  | 'userRecordsExpired'
  | 'kinesisRecordsPut'
  | 'bytesPut'
  | 'putRecordsRequests'
  | 'retries'
  | 'throttles'
  | 'reshardsDetected';

export class ProducerStats {
  private readonly counters: Record<Counter, number> = {
    userRecordsPut: 0,
    userRecordsFailed: 0,
    userRecordsExpired: 0,
    kinesisRecordsPut: 0,
    bytesPut: 0,
    putRecordsRequests: 0,
    retries: 0,
    throttles: 0,
    reshardsDetected: 0,
  };
  private readonly latency = new LatencyHistogram();

  public add(counter: Counter, amount = 1): void {
    this.counters[counter] += amount;
  }

  public recordLatency(ms: number): void {
    this.latency.record(ms);
  }

  public snapshot(bufferedUserRecords: number): ProducerStatsSnapshot {
    const c = this.counters;
    return {
      ...c,
      userRecordsPerKinesisRecord: c.kinesisRecordsPut === 0 ? 0 : c.userRecordsPut / c.kinesisRecordsPut,
      bytesPerKinesisRecord: c.kinesisRecordsPut === 0 ? 0 : c.bytesPut / c.kinesisRecordsPut,
      latencyMs: {
        p50: this.latency.percentile(0.5),
        p90: this.latency.percentile(0.9),
        p99: this.latency.percentile(0.99),
        max: this.latency.max,
      },
      bufferedUserRecords,
    };
  }
}

/** Data points for one completed PutRecords request. */
export function requestMetrics(
  dimensions: Readonly<Record<string, string>>,
  userRecords: number,
  kinesisRecords: number,
  bytes: number,
  retries: number,
  throttles: number,
): MetricDatum[] {
  return [
    { name: 'UserRecordsPut', value: userRecords, unit: 'Count', dimensions },
    { name: PRODUCER_REQUEST_METRIC.kinesisRecords, value: kinesisRecords, unit: 'Count', dimensions },
    { name: PRODUCER_REQUEST_METRIC.kinesisBytes, value: bytes, unit: 'Bytes', dimensions },
    {
      name: 'UserRecordsPerKinesisRecord',
      value: kinesisRecords === 0 ? 0 : userRecords / kinesisRecords,
      unit: 'Count',
      dimensions,
    },
    { name: 'RetriesPerRecord', value: retries, unit: 'Count', dimensions },
    { name: PRODUCER_REQUEST_METRIC.throttled, value: throttles, unit: 'Count', dimensions },
  ];
}

/** Put-latency percentiles as data points (published periodically and on close). */
export function publishLatency(
  sink: MetricsSink,
  dimensions: Readonly<Record<string, string>>,
  snapshot: ProducerStatsSnapshot,
): void {
  for (const [name, value] of Object.entries({
    p50: snapshot.latencyMs.p50,
    p90: snapshot.latencyMs.p90,
    p99: snapshot.latencyMs.p99,
    max: snapshot.latencyMs.max,
  })) {
    sink.put({ name: `UserRecordPutLatency.${name}`, value, unit: 'Milliseconds', dimensions });
  }
}
