// The scale scenario's pieces against the real stand-ins: the producer's accepted records become the stream's IncomingRecords, and with the
// scenario's settings the scaler scales one overloaded shard up, holds the scale-down during the cooldown, then scales down.
import { expect } from 'chai';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createProducer } from '../../../../producer';
import { NullLogger } from '../../../../common/logger';
import { LocalMetricsSink, LocalMetricsSource } from '../../../../common/metrics/local-metrics-store';
import { KINESIS_NAMESPACE } from '../../../../common/metrics/metric-names';
import { describeStreamState } from '../../../../operator/scaler/kinesis-stream-state';
import { producerThroughputSink } from '../../../../local/wiring/local-metrics';
import { scenarioScalerEnv } from '../../../../local/demo/scale-scenario';
import { SCALE_SCENARIO_DEFAULTS } from '../../../../local/demo/scale-scenario-settings';
import { runScalerOnce } from '../../../../local/demo/scaler-runs';
import { createActiveStream, startOperatorStandIns, type OperatorStandIns } from '../../operator/operator-stand-ins';

describe('scale scenario pieces (kinesis-local, dynalite, the local metrics store)', function () {
  this.timeout(120_000);
  let env: OperatorStandIns;
  let dir: string;

  before(async () => {
    env = await startOperatorStandIns();
  });
  after(async () => {
    await env?.stop();
  });
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scale-pieces-'));
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('counts every record Kinesis accepted from an unaggregated producer as IncomingRecords of the stream', async () => {
    await createActiveStream(env.factory, 'pieces-producer', 1);
    const producer = await createProducer({
      streamName: 'pieces-producer',
      kinesis: env.factory.kinesis(),
      options: { aggregationEnabled: false },
      metrics: producerThroughputSink(dir, 'pieces-producer', new NullLogger(), 0),
    });
    await Promise.all(
      Array.from({ length: 120 }, (_, i) => producer.put({ partitionKey: `k${i}`, data: `{"n":${i}}` })),
    );
    await producer.close();
    const now = Date.now();
    const [records, bytes] = await new LocalMetricsSource(dir).getMetricData(
      [
        {
          id: 'r',
          namespace: KINESIS_NAMESPACE,
          name: 'IncomingRecords',
          dimensions: { StreamName: 'pieces-producer' },
          stat: 'Sum',
          periodSeconds: 60,
        },
        {
          id: 'b',
          namespace: KINESIS_NAMESPACE,
          name: 'IncomingBytes',
          dimensions: { StreamName: 'pieces-producer' },
          stat: 'Sum',
          periodSeconds: 60,
        },
      ],
      { start: new Date(now - 180_000), end: new Date(now + 60_000) },
    );
    const sum = (s: typeof records): number => (s?.points ?? []).reduce((n, p) => n + p.value, 0);
    expect(sum(records)).to.equal(120);
    expect(sum(bytes)).to.be.greaterThan(120 * 8);
  });

  it('scales up past the shard quota, holds the scale-down in the cooldown, and scales down once the window is quiet', async () => {
    const stream = 'pieces-scale';
    await createActiveStream(env.factory, stream, 1);
    const endpoints = { region: 'us-east-1', kinesis: env.kinesis.endpoint, dynamodb: env.dynamodb.endpoint };
    const settings = SCALE_SCENARIO_DEFAULTS;
    const write = async (minutesAgo: number[], recordsPerSec: number): Promise<void> => {
      fs.rmSync(dir, { recursive: true, force: true });
      const sink = new LocalMetricsSink({
        directory: dir,
        namespace: KINESIS_NAMESPACE,
        flushIntervalMs: 0,
        maxBufferedSeries: 100,
        logger: new NullLogger(),
      });
      const minute = Math.floor(Date.now() / 60_000) * 60_000;
      for (const m of minutesAgo) {
        const timestamp = new Date(minute - m * 60_000);
        sink.put({
          name: 'IncomingRecords',
          value: recordsPerSec * 60,
          unit: 'Count',
          dimensions: { StreamName: stream },
          timestamp,
        });
        sink.put({
          name: 'IncomingBytes',
          value: recordsPerSec * 60 * 300,
          unit: 'Bytes',
          dimensions: { StreamName: stream },
          timestamp,
        });
      }
      await sink.close();
    };
    const scalerEnv = scenarioScalerEnv(settings, endpoints, dir, 'pieces-scaler', {});
    // One complete minute at 110% of the scenario's per-shard quota.
    await write([1], settings.shardRecordsQuota * 1.1);
    const up = await runScalerOnce(stream, scalerEnv, new NullLogger());
    expect(up.plan?.decision, up.plan?.reasons.join('\n') ?? up.messages.join('\n')).to.equal('scale-up');
    expect(up.applied).to.equal(true);
    expect((await describeStreamState(env.factory.kinesis(), stream)).openShardCount).to.equal(2);
    // Quiet minutes, but the last change was moments ago.
    await write([1, 2, 3], settings.lowRate);
    const held = await runScalerOnce(stream, scalerEnv, new NullLogger());
    expect(held.plan?.decision).to.equal('blocked');
    expect(held.plan?.reasons.join('\n')).to.include(`cooldown is ${settings.cooldownMinutes} min`);
    // The same quiet window once the cooldown has passed (here: a zero cooldown) scales down and spends the second operation.
    const down = await runScalerOnce(
      stream,
      { ...scalerEnv, SCALER_SCALE_DOWN_COOLDOWN_MINUTES: '0' },
      new NullLogger(),
    );
    expect(down.plan?.decision, down.plan?.reasons.join('\n')).to.equal('scale-down');
    expect(down.applied).to.equal(true);
    expect(down.plan?.budget.usedLast24h).to.equal(1);
    expect((await describeStreamState(env.factory.kinesis(), stream)).openShardCount).to.equal(1);
  });
});
