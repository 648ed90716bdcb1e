// In local mode, the producer and consumer stand in for Kinesis' own AWS/Kinesis stream metrics, so the scaler can read them from the local store.
import type { Logger } from '../logger';
import { NullMetricsSink, type MetricsSink } from './metrics-sink';
import { LocalMetricsSink } from './local-metrics-store';
import { KINESIS_METRIC, KINESIS_NAMESPACE } from './metric-names';
import type { MetricsConfig } from './metrics-config';

/** What Kinesis would have counted for a stream; every method is one cheap aggregated put(). */
export class StreamThroughputMetrics {
  private readonly dimensions: Readonly<Record<string, string>>;

  public constructor(
    private readonly sink: MetricsSink,
    streamName: string,
  ) {
    this.dimensions = Object.freeze({ StreamName: streamName });
  }

  /** Producer: records Kinesis accepted (after de-duplication of retries: count each record once). */
  public accepted(records: number, bytes: number): void {
    this.sink.put({ name: KINESIS_METRIC.incomingRecords, value: records, unit: 'Count', dimensions: this.dimensions });
    this.sink.put({ name: KINESIS_METRIC.incomingBytes, value: bytes, unit: 'Bytes', dimensions: this.dimensions });
  }

  /** Producer: records rejected with ProvisionedThroughputExceededException. */
  public throttled(records: number): void {
    this.sink.put({ name: KINESIS_METRIC.writeThrottled, value: records, unit: 'Count', dimensions: this.dimensions });
  }

  /** Consumer: bytes delivered by one GetRecords (or one processRecords action) and how far behind the tip it was. */
  public read(bytes: number, millisBehindLatest: number): void {
    this.sink.put({ name: KINESIS_METRIC.getRecordsBytes, value: bytes, unit: 'Bytes', dimensions: this.dimensions });
    this.sink.put({
      name: KINESIS_METRIC.iteratorAgeMs,
      value: millisBehindLatest,
      unit: 'Milliseconds',
      dimensions: this.dimensions,
    });
  }

  public flush(): Promise<void> {
    return this.sink.flush();
  }
  public close(): Promise<void> {
    return this.sink.close();
  }
}

/**
 * A local-store sink in namespace AWS/Kinesis when metrics are local; the null sink otherwise
 * (on AWS, Kinesis publishes these itself, and PutMetricData refuses the AWS/ namespace).
 */
export function createStreamThroughputMetrics(
  config: MetricsConfig,
  streamName: string,
  logger: Logger,
): StreamThroughputMetrics {
  const sink =
    config.mode !== 'local'
      ? new NullMetricsSink()
      : new LocalMetricsSink({
          directory: config.directory,
          namespace: KINESIS_NAMESPACE,
          flushIntervalMs: config.flushIntervalMs || 10_000,
          maxBufferedSeries: config.maxBufferedSeries,
          logger: logger.child({ component: 'stream-metrics' }),
        });
  return new StreamThroughputMetrics(sink, streamName);
}
