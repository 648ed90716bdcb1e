// Reading metrics back: the local JSONL store and CloudWatch GetMetricData (through the fake) answer the same queries the same way.
import { expect } from 'chai';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LocalMetricsSink, LocalMetricsSource, localMetricsFile } from '../../../../common/metrics/local-metrics-store';
import { CloudWatchMetricsSink } from '../../../../common/metrics/cloudwatch-metrics-sink';
import { CloudWatchMetricsSource } from '../../../../common/metrics/cloudwatch-metrics-source';
import type { MetricQuery, MetricsSource } from '../../../../common/metrics/metrics-source';
import type { MetricsSink } from '../../../../common/metrics/metrics-sink';
import { NullLogger } from '../../../../common/logger';
import { FakeCloudWatchServer } from '../../../fakes/fake-cloudwatch-server';
import { fakeCloudWatchClient } from '../../../fakes/fake-cloudwatch-client';

const T0 = Date.UTC(2026, 0, 5, 10, 0, 0);
const NS = 'AWS/Kinesis';
const stream = { StreamName: 'tweets' };
const query = (stat: MetricQuery['stat'], id = 'q'): MetricQuery => ({
  id,
  namespace: NS,
  name: 'IncomingBytes',
  dimensions: stream,
  stat,
  periodSeconds: 60,
});
const window = { start: new Date(T0), end: new Date(T0 + 10 * 60_000) };

/** Minute 0: 100+300, minute 1: nothing, minute 2: 50; another stream's points must not leak in. */
function writeSeries(sink: MetricsSink): void {
  sink.put({ name: 'IncomingBytes', value: 100, unit: 'Bytes', dimensions: stream, timestamp: new Date(T0 + 1_000) });
  sink.put({ name: 'IncomingBytes', value: 300, unit: 'Bytes', dimensions: stream, timestamp: new Date(T0 + 2_000) });
  sink.put({ name: 'IncomingBytes', value: 50, unit: 'Bytes', dimensions: stream, timestamp: new Date(T0 + 120_000) });
  sink.put({
    name: 'IncomingBytes',
    value: 999,
    unit: 'Bytes',
    dimensions: { StreamName: 'other' },
    timestamp: new Date(T0),
  });
}

function behavesLikeGetMetricData(setup: () => Promise<{ sink: MetricsSink; source: MetricsSource }>): void {
  it('returns per-period Sum and Maximum, leaving periods without data absent rather than zero', async () => {
    const { sink, source } = await setup();
    writeSeries(sink);
    await sink.flush();
    const [sum, max] = await source.getMetricData([query('Sum', 'sum'), query('Maximum', 'max')], window);
    expect(sum?.points.map((p) => [p.timestamp.getTime() - T0, p.value])).to.deep.equal([
      [0, 400],
      [120_000, 50],
    ]);
    expect(max?.points.map((p) => p.value)).to.deep.equal([300, 50]);
  });

  it('returns an empty series for a metric never written', async () => {
    const { source } = await setup();
    const [series] = await source.getMetricData([{ ...query('Sum'), name: 'Nothing' }], window);
    expect(series?.points).to.deep.equal([]);
  });
}

describe('LocalMetricsStore', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'metrics-'));
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  behavesLikeGetMetricData(async () => ({
    sink: new LocalMetricsSink({
      directory: dir,
      namespace: NS,
      flushIntervalMs: 0,
      maxBufferedSeries: 100,
      logger: new NullLogger(),
    }),
    source: new LocalMetricsSource(dir),
  }));

  it('skips torn or foreign lines instead of failing the whole read', async () => {
    const sink = new LocalMetricsSink({
      directory: dir,
      namespace: NS,
      flushIntervalMs: 0,
      maxBufferedSeries: 100,
      logger: new NullLogger(),
    });
    writeSeries(sink);
    await sink.close();
    fs.appendFileSync(localMetricsFile(dir, NS), '{"namespace":"AWS/Kinesis","name":"IncomingBy\nnot json\n');
    const [sum] = await new LocalMetricsSource(dir).getMetricData([query('Sum')], window);
    expect(sum?.points).to.have.length(2);
  });
});

describe('CloudWatchMetricsSource', () => {
  const server = new FakeCloudWatchServer();
  before(async () => {
    await server.start();
  });
  after(async () => {
    await server.stop();
  });
  const factories: { destroy(): void }[] = [];
  beforeEach(() => {
    server.points.length = 0;
    server.pageSize = 1;
  });
  afterEach(() => {
    for (const f of factories.splice(0)) f.destroy();
  });

  behavesLikeGetMetricData(async () => {
    const { client, factory } = fakeCloudWatchClient(server);
    factories.push(factory);
    return {
      sink: new CloudWatchMetricsSink(client, {
        namespace: NS,
        flushIntervalMs: 0,
        maxBufferedSeries: 100,
        logger: new NullLogger(),
      }),
      source: new CloudWatchMetricsSource(client),
    };
  });

  it('follows NextToken until every page is read', () => {
    expect(server.calls('GetMetricData').some((c) => typeof c.body.NextToken === 'string')).to.equal(true);
  });
});
