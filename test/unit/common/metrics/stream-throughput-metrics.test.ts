// StreamThroughputMetrics: in local mode the producer's and consumer's counts become the AWS/Kinesis series the scaler reads.
import { expect } from 'chai';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createStreamThroughputMetrics } from '../../../../common/metrics/stream-throughput-metrics';
import { LocalMetricsSource } from '../../../../common/metrics/local-metrics-store';
import { NullLogger } from '../../../../common/logger';

describe('StreamThroughputMetrics', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'throughput-'));
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const config = (mode: 'local' | 'cloudwatch'): Parameters<typeof createStreamThroughputMetrics>[0] => ({
    mode,
    namespace: 'X',
    directory: dir,
    flushIntervalMs: 0,
    maxBufferedSeries: 100,
  });

  it('writes IncomingBytes the scaler reads back as a per-minute Sum', async () => {
    const metrics = createStreamThroughputMetrics(config('local'), 'tweets', new NullLogger());
    metrics.accepted(500, 150_000);
    metrics.accepted(500, 150_000);
    await metrics.close();
    const now = Date.now();
    const [bytes] = await new LocalMetricsSource(dir).getMetricData(
      [
        {
          id: 'b',
          namespace: 'AWS/Kinesis',
          name: 'IncomingBytes',
          dimensions: { StreamName: 'tweets' },
          stat: 'Sum',
          periodSeconds: 60,
        },
      ],
      { start: new Date(now - 120_000), end: new Date(now + 60_000) },
    );
    expect((bytes?.points ?? []).reduce((n, p) => n + p.value, 0)).to.equal(300_000);
  });

  it('writes nothing outside local mode (Kinesis publishes these itself on AWS)', async () => {
    const metrics = createStreamThroughputMetrics(config('cloudwatch'), 'tweets', new NullLogger());
    metrics.accepted(1, 1);
    await metrics.close();
    expect(fs.readdirSync(dir)).to.deep.equal([]);
  });
});
