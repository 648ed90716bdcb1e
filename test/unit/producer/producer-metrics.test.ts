// The producer reports through the MetricsSink port: per-request counts and, on close, put-latency percentiles.
import { expect } from 'chai';
import type { MetricDatum, MetricsSink } from '../../../common/metrics/metrics-sink';
import { createProducer } from '../../../producer/create-producer';
import { NullTransport } from '../../../producer/transport/null-transport';
import { uniformShards } from '../../../producer/aggregation/uniform-shards';

class RecordingMetricsSink implements MetricsSink {
  public readonly data: MetricDatum[] = [];
  public flushed = 0;
  public put(datum: MetricDatum): void {
    this.data.push(datum);
  }
  public async flush(): Promise<void> {
    this.flushed += 1;
  }
  public async close(): Promise<void> {}
  public sum(name: string): number {
    return this.data.filter((d) => d.name === name).reduce((n, d) => n + d.value, 0);
  }
}

describe('producer metrics', () => {
  it('counts user records, Kinesis records and bytes per stream, and publishes latency percentiles on close', async () => {
    const sink = new RecordingMetricsSink();
    const producer = await createProducer({
      streamName: 'tweets',
      transport: new NullTransport(uniformShards(1)),
      metrics: sink,
      options: { recordMaxBufferedTime: 1 },
    });
    await Promise.all(Array.from({ length: 10 }, (_, i) => producer.put({ partitionKey: `k${i}`, data: 'x' })));
    await producer.close();
    expect(sink.sum('UserRecordsPut')).to.equal(10);
    expect(sink.sum('KinesisRecordsPut')).to.equal(producer.stats().kinesisRecordsPut);
    expect(sink.sum('KinesisRecordsDataPut')).to.equal(producer.stats().bytesPut);
    expect(sink.data.map((d) => d.name)).to.include.members([
      'UserRecordsPerKinesisRecord',
      'UserRecordPutLatency.p50',
      'UserRecordPutLatency.p99',
    ]);
    expect(sink.data.every((d) => d.dimensions?.StreamName === 'tweets')).to.equal(true);
    expect(sink.flushed).to.equal(1);
  });
});
