// In local mode the producer stands in for Kinesis' own accounting: its per-request metrics become the AWS/Kinesis IncomingRecords/IncomingBytes series the scaler reads.
import type { MetricDatum, MetricsSink } from './metrics-sink';
import type { StreamThroughputMetrics } from './stream-throughput-metrics';

/** The producer's per-PutRecords data points (producer/producer-stats.ts requestMetrics) this adapter translates. */
export const PRODUCER_REQUEST_METRIC = {
  kinesisRecords: 'KinesisRecordsPut',
  kinesisBytes: 'KinesisRecordsDataPut',
  throttled: 'ErrorsByCode.ProvisionedThroughputExceeded',
} as const;

/**
 * A MetricsSink to hand to createProducer: Kinesis records (aggregates count as one, as Kinesis counts them) and their
 * bytes go to StreamThroughputMetrics.accepted, throttled entries to throttled(); every other datum is dropped.
 */
export class ProducerThroughputSink implements MetricsSink {
  public constructor(private readonly throughput: StreamThroughputMetrics) {}

  public put(datum: MetricDatum): void {
    switch (datum.name) {
      // The scaler reads Sums: a zero added to the other series changes nothing.
      case PRODUCER_REQUEST_METRIC.kinesisRecords:
        this.throughput.accepted(datum.value, 0);
        return;
      case PRODUCER_REQUEST_METRIC.kinesisBytes:
        this.throughput.accepted(0, datum.value);
        return;
      case PRODUCER_REQUEST_METRIC.throttled:
        if (datum.value > 0) this.throughput.throttled(datum.value);
        return;
      default:
        return;
    }
  }

  public flush(): Promise<void> {
    return this.throughput.flush();
  }
  public close(): Promise<void> {
    return this.throughput.close();
  }
}
