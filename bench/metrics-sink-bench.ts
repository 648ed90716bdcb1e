// Cost of the metrics hot path: put() into the aggregating sink, and the aggregation a flush publishes.
import type { Benchmark } from './bench-section';
import { BufferedMetricsSink } from '../common/metrics/buffered-metrics-sink';
import type { AggregatedPoint } from '../common/metrics/metric-aggregator';
import { NullLogger } from '../common/logger';
import { toCloudWatchDatum, batchForPutMetricData } from '../common/metrics/cloudwatch-metrics-sink';

class CountingSink extends BufferedMetricsSink {
  public points = 0;
  public requests = 0;
  public constructor() {
    super({ flushIntervalMs: 0, maxBufferedSeries: 100_000, logger: new NullLogger() });
  }
  protected async publish(points: readonly AggregatedPoint[]): Promise<void> {
    this.points += points.length;
    this.requests += batchForPutMetricData(points.map(toCloudWatchDatum)).length;
  }
}

export const benchmark: Benchmark = async ({ quick, progress }) => {
  const shards = 64;
  const puts = quick ? 200_000 : 2_000_000;
  const sink = new CountingSink();
  const dims = Array.from({ length: shards }, (_, i) =>
    Object.freeze({ Application: 'app', StreamName: 'tweets', ShardId: `shardId-${String(i).padStart(12, '0')}` }),
  );
  const names = [
    'RecordsProcessed',
    'RecordsDeadLettered',
    'BatchDeliveryLatency',
    'MillisBehindLatest',
    'TimeSinceLastCheckpoint',
  ];
  progress(`metrics-sink: ${puts} put() over ${shards} shards x ${names.length} metrics`);
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < puts; i += 1)
    sink.put({ name: names[i % names.length] as string, value: i & 1023, unit: 'Count', dimensions: dims[i % shards] });
  const putNs = Number(process.hrtime.bigint() - t0);
  const t1 = process.hrtime.bigint();
  await sink.flush();
  const flushNs = Number(process.hrtime.bigint() - t1);
  return {
    section: 'metrics-sink',
    figures: {
      putsPerSec: Math.round(puts / (putNs / 1e9)),
      nsPerPut: Math.round(putNs / puts),
      flushMs: Math.round(flushNs / 1e6),
      seriesPublished: sink.points,
      putMetricDataRequests: sink.requests,
    },
    goals: { 'put() under 2 us on the hot path': putNs / puts < 2_000 },
    notes: [
      `repeated points in a minute fold into one StatisticValues datum: ${puts} puts became ${sink.points} data (320 series per minute) in ${sink.requests} PutMetricData request(s)`,
      'dimension objects are frozen, as ConsumerMetrics passes them: their sort and key are cached',
    ],
  };
};
