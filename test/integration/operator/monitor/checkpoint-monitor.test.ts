// The checkpoint monitor against kinesis-local and a KCL 2.x lease table in dynalite, publishing through the fake CloudWatch.
import { expect } from 'chai';
import { PutRecordCommand } from '@aws-sdk/client-kinesis';
import { observeCheckpoints, DEFAULT_MONITOR_OPTIONS } from '../../../../operator/monitor/checkpoint-monitor';
import type { CheckpointReport, ObservationState } from '../../../../operator/monitor/checkpoint-status';
import { publishReport } from '../../../../operator/monitor/report-metrics';
import { createAlarms, createDashboard } from '../../../../operator/monitor/monitor-alarms';
import { CloudWatchMetricsSink } from '../../../../common/metrics/cloudwatch-metrics-sink';
import { NullLogger } from '../../../../common/logger';
import { FakeCloudWatchServer } from '../../../fakes/fake-cloudwatch-server';
import { fakeCloudWatchClient } from '../../../fakes/fake-cloudwatch-client';
import { createActiveStream, startOperatorStandIns, type OperatorStandIns } from '../operator-stand-ins';
import { createLeaseTable, writeLease } from '../kcl-lease-table-writer';
import { runMonitorCli, MONITOR_EXIT } from '../../../../operator/monitor/monitor-cli';
import { AwsClientFactory } from '../../../../common/aws/client-factory';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const SHARD = (n: number): string => `shardId-${String(n).padStart(12, '0')}`;
const HASH_IN_SHARD_1_OF_3 = (2n ** 127n).toString();

describe('checkpoint monitor (kinesis-local + dynalite lease table)', function () {
  this.timeout(120_000);
  let env: OperatorStandIns;
  const cw = new FakeCloudWatchServer();
  let first: { report: CheckpointReport; state: ObservationState };
  const seq: string[] = [];

  before(async () => {
    env = await startOperatorStandIns();
    await cw.start();
    await createActiveStream(env.factory, 'tweets', 3);
    for (let i = 0; i < 5; i += 1) {
      const out = await env.factory.kinesis().send(
        new PutRecordCommand({
          StreamName: 'tweets',
          PartitionKey: `k${i}`,
          ExplicitHashKey: '0',
          Data: Buffer.from(`r${i}`),
        }),
      );
      seq.push(out.SequenceNumber ?? '');
    }
    const last1 = await env.factory.kinesis().send(
      new PutRecordCommand({
        StreamName: 'tweets',
        PartitionKey: 'x',
        ExplicitHashKey: HASH_IN_SHARD_1_OF_3,
        Data: Buffer.from('x'),
      }),
    );
    const ddb = env.factory.dynamodb();
    await createLeaseTable(ddb, 'sentiment-app');
    await writeLease(ddb, 'sentiment-app', {
      leaseKey: SHARD(0),
      leaseOwner: 'worker-a',
      leaseCounter: 7,
      checkpoint: seq[1] ?? '',
    });
    await writeLease(ddb, 'sentiment-app', {
      leaseKey: SHARD(1),
      leaseOwner: 'worker-b',
      leaseCounter: 3,
      checkpoint: last1.SequenceNumber ?? '',
    });
    await writeLease(ddb, 'sentiment-app', {
      leaseKey: SHARD(99),
      leaseCounter: 1,
      checkpoint: 'SHARD_END',
      parentShardIds: [SHARD(98)],
    });
    first = await observeCheckpoints(
      { application: 'sentiment-app', streamName: 'tweets' },
      { kinesis: env.factory.kinesis(), doc: env.factory.dynamodbDocument() },
      undefined,
    );
  });
  after(async () => {
    await cw.stop();
    await env?.stop();
  });
  const envs = (): OperatorStandIns => env;

  const row = (report: CheckpointReport, shardId: string): CheckpointReport['shards'][number] => {
    const found = report.shards.find((r) => r.shardId === shardId);
    if (found === undefined) throw new Error(`no row for ${shardId}`);
    return found;
  };

  it('reports owner, counter and checkpoint per shard, and counts the records after the checkpoint', () => {
    const r0 = row(first.report, SHARD(0));
    expect(r0).to.include({ leaseOwner: 'worker-a', leaseCounter: 7, checkpoint: seq[1], open: true, status: 'ok' });
    expect(r0.lag?.recordsBehind).to.equal(3);
    expect(r0.lag?.recordsBehindCapped).to.equal(false);
    expect(r0.lag?.timeBehindMs).to.be.a('number').and.at.least(0);
    expect(row(first.report, SHARD(1)).lag).to.include({ recordsBehind: 0, timeBehindMs: 0 });
  });

  it('reports an open shard without a lease, and a lease whose shard no longer exists', () => {
    expect(row(first.report, SHARD(2)).status).to.equal('no-lease');
    expect(row(first.report, SHARD(99)).status).to.equal('orphan-lease');
    expect(first.report.summary).to.include({ openShards: 3, shardsWithoutLease: 1, staleLeases: 0 });
  });

  it('flags a lease whose counter has not moved within the failover time across two observations', async () => {
    await writeLease(env.factory.dynamodb(), 'sentiment-app', {
      leaseKey: SHARD(1),
      leaseOwner: 'worker-b',
      leaseCounter: 4,
      checkpoint: 'TRIM_HORIZON',
    });
    const later = Date.now() + DEFAULT_MONITOR_OPTIONS.failoverTimeMs + 1_000;
    const second = await observeCheckpoints(
      { application: 'sentiment-app', streamName: 'tweets' },
      { kinesis: env.factory.kinesis(), doc: env.factory.dynamodbDocument(), now: () => later },
      first.state,
    );
    expect(row(second.report, SHARD(0))).to.include({ staleLease: true, status: 'stale-lease' });
    expect(row(second.report, SHARD(1))).to.include({ staleLease: false });
    expect(row(second.report, SHARD(1)).lag?.recordsBehind).to.equal(1);
    expect(row(second.report, SHARD(0)).lag?.timeBehindMs).to.be.at.least(DEFAULT_MONITOR_OPTIONS.failoverTimeMs);
    expect(second.report.summary.staleLeases).to.equal(1);
  });

  it('publishes per-shard and per-stream metrics with Application, StreamName and ShardId dimensions, and creates alarms and a dashboard', async () => {
    const { client, factory } = fakeCloudWatchClient(cw);
    const sink = new CloudWatchMetricsSink(client, {
      namespace: 'KinesisToolkit/Consumer',
      flushIntervalMs: 0,
      maxBufferedSeries: 1000,
      logger: new NullLogger(),
    });
    publishReport(sink, first.report);
    await sink.close();
    const data = cw
      .calls('PutMetricData')
      .flatMap(
        (c) =>
          c.body.MetricData as { MetricName: string; Dimensions: { Name: string; Value: string }[]; Value?: number }[],
      );
    const lag0 = data.find(
      (d) => d.MetricName === 'CheckpointLagRecords' && d.Dimensions.some((x) => x.Value === SHARD(0)),
    );
    expect(lag0?.Value).to.equal(3);
    expect(lag0?.Dimensions.map((x) => x.Name).sort()).to.deep.equal(['Application', 'ShardId', 'StreamName']);
    expect(data.find((d) => d.MetricName === 'ShardsWithoutLease')?.Value).to.equal(1);
    const names = await createAlarms(client, {
      namespace: 'KinesisToolkit/Consumer',
      application: 'sentiment-app',
      streamName: 'tweets',
      checkpointAgeThresholdMs: 300_000,
      actions: [],
    });
    expect(names).to.deep.equal([
      'sentiment-app-tweets-checkpoint-age',
      'sentiment-app-tweets-stale-lease',
      'sentiment-app-tweets-shard-without-lease',
      'sentiment-app-tweets-held-batch',
    ]);
    expect(cw.alarms.get('sentiment-app-tweets-held-batch')).to.include({
      MetricName: 'HeldBatchAgeMilliseconds',
      Threshold: 600_000,
    });
    expect(cw.alarms.get('sentiment-app-tweets-checkpoint-age')).to.include({
      MetricName: 'MaxCheckpointLagMilliseconds',
      Threshold: 300_000,
    });
    await createDashboard(
      client,
      'sentiment-app-tweets',
      {
        namespace: 'KinesisToolkit/Consumer',
        application: 'sentiment-app',
        streamName: 'tweets',
        checkpointAgeThresholdMs: 300_000,
      },
      'us-east-1',
    );
    const body = JSON.parse(cw.dashboards.get('sentiment-app-tweets') ?? '{}') as { widgets: unknown[] };
    expect(body.widgets).to.have.length(6);
    factory.destroy();
  });

  it('runs one-shot from the command line: JSON out, metrics published, a state file that lets the next run see a stale lease', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'monitor-cli-'));
    const out: string[] = [];
    const env = {
      AWS_ENDPOINT_URL_KINESIS: envs().kinesis.endpoint,
      AWS_ENDPOINT_URL_DYNAMODB: envs().dynamodb.endpoint,
      AWS_ENDPOINT_URL_CLOUDWATCH: cw.endpoint,
      MONITOR_FAILOVER_TIME_MS: '1000',
      MONITOR_STATE_FILE: path.join(dir, 'state.json'),
    };
    const run = (): Promise<number> =>
      runMonitorCli(['--app', 'sentiment-app', '--stream', 'tweets', '--json', '--publish'], {
        env,
        print: (t) => out.push(t),
        printError: (t) => out.push(t),
        logger: new NullLogger(),
        clientFactory: (s) => new AwsClientFactory(s, 1),
      });
    cw.requests.length = 0;
    expect(await run(), out.join('\n')).to.equal(MONITOR_EXIT.problems);
    const firstReport = JSON.parse(out[0] ?? '') as CheckpointReport;
    expect(firstReport.shards.every((r) => !r.staleLease)).to.equal(true);
    expect(cw.calls('PutMetricData').length).to.be.greaterThan(0);
    await new Promise((r) => setTimeout(r, 1_200));
    out.length = 0;
    await run();
    const secondReport = JSON.parse(out[0] ?? '') as CheckpointReport;
    expect(row(secondReport, SHARD(0)).staleLease).to.equal(true);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('keeps observing every --interval seconds until told to stop, carrying the previous observation in memory', async () => {
    const stop = new AbortController();
    const reports: CheckpointReport[] = [];
    const env = {
      AWS_ENDPOINT_URL_KINESIS: envs().kinesis.endpoint,
      AWS_ENDPOINT_URL_DYNAMODB: envs().dynamodb.endpoint,
      MONITOR_FAILOVER_TIME_MS: '1000',
    };
    const code = await runMonitorCli(['--app', 'sentiment-app', '--stream', 'tweets', '--json', '--interval', '1'], {
      env,
      printError: () => undefined,
      logger: new NullLogger(),
      signal: stop.signal,
      clientFactory: (s) => new AwsClientFactory(s, 1),
      print: (t) => {
        reports.push(JSON.parse(t) as CheckpointReport);
        if (reports.length === 3) stop.abort();
      },
    });
    expect(code).to.equal(MONITOR_EXIT.healthy);
    expect(reports).to.have.length(3);
    expect(row(reports[0]!, SHARD(0)).counterUnchangedMs).to.equal(null);
    expect(row(reports[2]!, SHARD(0)).staleLease).to.equal(true);
  });
});
