// ConsumerMetrics: names, units and dimensions the checkpoint monitor and the dashboard expect.
import { expect } from 'chai';
import { ConsumerMetrics } from '../../../consumer/consumer-metrics';
import type { MetricDatum, MetricsSink } from '../../../common/metrics/metrics-sink';

class RecordingMetricsSink implements MetricsSink {
  public readonly data: MetricDatum[] = [];
  public put(datum: MetricDatum): void {
    this.data.push(datum);
  }
  public async flush(): Promise<void> {}
  public async close(): Promise<void> {}
}

describe('ConsumerMetrics', () => {
  it('tags every datum with Application, StreamName and ShardId, and sink failures also with Sink', () => {
    const sink = new RecordingMetricsSink();
    const metrics = new ConsumerMetrics(sink, { application: 'app', streamName: 's', shardId: 'shardId-1' });
    metrics.recordsProcessed(10);
    metrics.recordsDeadLettered(1);
    metrics.batchDeliveryLatency(42);
    metrics.sinkWriteFailed('S3Archive');
    expect(sink.data.map((d) => [d.name, d.unit, d.value])).to.deep.equal([
      ['RecordsProcessed', 'Count', 10],
      ['RecordsDeadLettered', 'Count', 1],
      ['BatchDeliveryLatency', 'Milliseconds', 42],
      ['SinkWriteFailures', 'Count', 1],
    ]);
    expect(sink.data[0]?.dimensions).to.deep.equal({ Application: 'app', StreamName: 's', ShardId: 'shardId-1' });
    expect(sink.data[2]?.dimensions).to.deep.equal({ Application: 'app', StreamName: 's', ShardId: 'shardId-1' });
    expect(sink.data[3]?.dimensions).to.include({ Sink: 'S3Archive' });
  });

  it('reports time since the last confirmed checkpoint alongside millisBehindLatest', () => {
    let now = 1_000;
    const sink = new RecordingMetricsSink();
    const metrics = new ConsumerMetrics(sink, { application: 'a', streamName: 's', shardId: 'x' }, () => now);
    now = 6_000;
    metrics.millisBehindLatest(250);
    metrics.checkpointed();
    now = 7_500;
    metrics.millisBehindLatest(0);
    const since = sink.data.filter((d) => d.name === 'TimeSinceLastCheckpoint').map((d) => d.value);
    expect(since).to.deep.equal([5_000, 0, 1_500]);
  });
});
