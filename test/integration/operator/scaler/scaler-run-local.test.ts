// `scaler run` in local mode: load written to the local metrics store makes the scaler scale a kinesis-local stream.
import { expect } from 'chai';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runScalerCli } from '../../../../operator/scaler/scaler-cli';
import { EXIT } from '../../../../operator/scaler/exit-codes';
import { describeStreamState } from '../../../../operator/scaler/kinesis-stream-state';
import { LocalMetricsSink } from '../../../../common/metrics/local-metrics-store';
import { KINESIS_NAMESPACE } from '../../../../common/metrics/metric-names';
import { NullLogger } from '../../../../common/logger';
import { AwsClientFactory } from '../../../../common/aws/client-factory';
import { createActiveStream, startOperatorStandIns, type OperatorStandIns } from '../operator-stand-ins';

describe('scaler run against the local stand-ins and the local metrics store', function () {
  this.timeout(120_000);
  let env: OperatorStandIns;
  let dir: string;

  before(async () => {
    env = await startOperatorStandIns();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scaler-run-'));
  });
  after(async () => {
    await env?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('scales a stream up when the producer reported 1.5 MiB/s into one shard, in two steps, then reports nothing to do', async () => {
    await createActiveStream(env.factory, 'local-load', 1);
    const sink = new LocalMetricsSink({
      directory: dir,
      namespace: KINESIS_NAMESPACE,
      flushIntervalMs: 0,
      maxBufferedSeries: 1000,
      logger: new NullLogger(),
    });
    const now = Date.now();
    for (let m = 4; m <= 20; m += 1) {
      const timestamp = new Date(now - m * 60_000);
      sink.put({
        name: 'IncomingBytes',
        value: 1.5 * 1024 * 1024 * 60,
        unit: 'Bytes',
        dimensions: { StreamName: 'local-load' },
        timestamp,
      });
      sink.put({
        name: 'IncomingRecords',
        value: 600 * 60,
        unit: 'Count',
        dimensions: { StreamName: 'local-load' },
        timestamp,
      });
    }
    await sink.close();
    const envVars = {
      SCALER_METRICS_SOURCE: 'local',
      METRICS_DIR: dir,
      SCALER_TABLE: 'scaler-run-test',
      SCALER_POLL_INTERVAL_MS: '100',
      SCALER_OPERATOR: 'scheduler',
      AWS_ENDPOINT_URL_KINESIS: env.kinesis.endpoint,
      AWS_ENDPOINT_URL_DYNAMODB: env.dynamodb.endpoint,
    };
    const lines: string[] = [];
    const run = (): Promise<number> =>
      runScalerCli(['run', '--stream', 'local-load'], {
        env: envVars,
        print: (t) => lines.push(t),
        printError: (t) => lines.push(t),
        logger: new NullLogger(),
        clientFactory: (settings) => new AwsClientFactory(settings, 2),
      });
    expect(await run(), lines.join('\n')).to.equal(EXIT.changed);
    // 1.5 MiB/s at 60% target utilisation needs 3 shards: 1 -> 2 -> 3 under the 2x step limit.
    expect((await describeStreamState(env.factory.kinesis(), 'local-load')).openShardCount).to.equal(3);
    expect(lines.join('\n')).to.include('UpdateShardCount 1 -> 2').and.include('UpdateShardCount 2 -> 3');
    // At 3 shards the same load is 50%: inside the band.
    expect(await run()).to.equal(EXIT.nothingToDo);
  });
});
