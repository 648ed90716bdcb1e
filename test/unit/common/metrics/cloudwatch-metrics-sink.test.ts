// CloudWatchMetricsSink over real SDK serialisation against the fake CloudWatch JSON protocol server.
import { expect } from 'chai';
import { CloudWatchMetricsSink, batchForPutMetricData } from '../../../../common/metrics/cloudwatch-metrics-sink';
import { NullLogger } from '../../../../common/logger';
import { FakeCloudWatchServer } from '../../../fakes/fake-cloudwatch-server';
import { fakeCloudWatchClient } from '../../../fakes/fake-cloudwatch-client';
import type { AwsClientFactory } from '../../../../common/aws/client-factory';

const T0 = Date.UTC(2026, 0, 5, 10, 0, 0);
const dims = { Application: 'app', StreamName: 's', ShardId: 'shardId-000000000000' };

describe('CloudWatchMetricsSink', () => {
  const server = new FakeCloudWatchServer();
  let factory: AwsClientFactory;
  let sink: CloudWatchMetricsSink;

  before(async () => {
    await server.start();
  });
  after(async () => {
    await server.stop();
  });
  beforeEach(() => {
    server.requests.length = 0;
    server.points.length = 0;
    const built = fakeCloudWatchClient(server);
    factory = built.factory;
    sink = new CloudWatchMetricsSink(built.client, {
      namespace: 'Test/NS',
      flushIntervalMs: 0,
      maxBufferedSeries: 5000,
      logger: new NullLogger(),
      retryPolicy: { maxAttempts: 2, baseDelayMs: 0, maxDelayMs: 0 },
    });
  });
  afterEach(async () => {
    await sink.close();
    factory.destroy();
  });

  it('publishes a single point as Value and repeated points in one minute as StatisticValues', async () => {
    sink.put({ name: 'Once', value: 7, unit: 'Count', dimensions: dims, timestamp: new Date(T0) });
    for (const v of [10, 30, 20])
      sink.put({ name: 'Latency', value: v, unit: 'Milliseconds', dimensions: dims, timestamp: new Date(T0 + 1000) });
    await sink.flush();
    const [call] = server.calls('PutMetricData');
    expect(call?.body.Namespace).to.equal('Test/NS');
    const data = call?.body.MetricData as Record<string, unknown>[];
    expect(data).to.have.length(2);
    const once = data.find((d) => d.MetricName === 'Once');
    expect(once).to.include({ Value: 7, Unit: 'Count', Timestamp: T0 / 1000 });
    expect(data.find((d) => d.MetricName === 'Latency')?.StatisticValues).to.deep.equal({
      SampleCount: 3,
      Sum: 60,
      Minimum: 10,
      Maximum: 30,
    });
    expect(once?.Dimensions).to.deep.include({ Name: 'ShardId', Value: 'shardId-000000000000' });
  });

  it('splits 2,500 distinct series into requests of at most 1,000 metric data, gzip-compressed when large', async () => {
    for (let i = 0; i < 2500; i += 1)
      sink.put({ name: `M${i}`, value: i, unit: 'Count', dimensions: dims, timestamp: new Date(T0) });
    await sink.flush();
    const calls = server.calls('PutMetricData');
    expect(calls.map((c) => (c.body.MetricData as unknown[]).length)).to.deep.equal([1000, 1000, 500]);
    expect(calls[0]?.contentEncoding).to.equal('gzip');
    expect(server.points).to.have.length(2500);
  });

  it('never throws from put() and counts what it drops when the buffer bound is reached', async () => {
    const small = new CloudWatchMetricsSink(fakeCloudWatchClient(server).client, {
      namespace: 'N',
      flushIntervalMs: 0,
      maxBufferedSeries: 2,
      logger: new NullLogger(),
    });
    for (const name of ['a', 'b', 'c', 'd']) small.put({ name, value: 1, unit: 'Count' });
    small.put({ name: 'a', value: Number.NaN, unit: 'Count' });
    expect(small.counters).to.include({ accepted: 2, dropped: 3 });
    await small.close();
  });

  it('retries a throttled call and counts points as failed, without throwing, when retries run out', async () => {
    server.failNext = { count: 1, status: 400, type: 'Throttling' };
    sink.put({ name: 'X', value: 1, unit: 'Count', timestamp: new Date(T0) });
    await sink.flush();
    expect(server.calls('PutMetricData')).to.have.length(2);
    expect(sink.counters).to.include({ published: 1, failed: 0 });

    server.failNext = { count: 5, status: 500, type: 'InternalServiceError' };
    sink.put({ name: 'Y', value: 1, unit: 'Count', timestamp: new Date(T0) });
    await sink.flush();
    expect(sink.counters).to.include({ failed: 1 });
    server.failNext.count = 0;
  });

  it('flushes what is buffered on close()', async () => {
    sink.put({ name: 'Z', value: 3, unit: 'Count', timestamp: new Date(T0) });
    await sink.close();
    expect(server.calls('PutMetricData')).to.have.length(1);
  });
});

describe('batchForPutMetricData', () => {
  it('starts a new request before the payload reaches 1 MB', () => {
    const big = {
      MetricName: 'x'.repeat(200),
      Dimensions: Array.from({ length: 30 }, (_, i) => ({ Name: `d${i}`, Value: 'v'.repeat(100) })),
      Value: 1,
    };
    const batches = batchForPutMetricData(Array.from({ length: 1000 }, () => big));
    expect(batches.length).to.be.greaterThan(1);
    for (const b of batches) expect(Buffer.byteLength(JSON.stringify(b))).to.be.lessThan(1_000_000);
    expect(batches.reduce((n, b) => n + b.length, 0)).to.equal(1000);
  });
});
