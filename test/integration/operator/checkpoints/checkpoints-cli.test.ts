// npm run checkpoints against kinesis-local and a dynalite lease table: reset refuses while a worker renews, and otherwise points each lease AT the first record of the time.
import { expect } from 'chai';
import { GetRecordsCommand, GetShardIteratorCommand, PutRecordCommand } from '@aws-sdk/client-kinesis';
import { UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { NullLogger } from '../../../../common/logger';
import { readLease } from '../../../../common/kcl-lease/lease-reader';
import { runCheckpointsCli, CHECKPOINTS_EXIT } from '../../../../operator/checkpoints/checkpoints-cli';
import { AFTER_LAST_SUB_RECORD } from '../../../../operator/checkpoints/shard-position-at';
import { until } from '../../../support/wait-until';
import { createActiveStream, startOperatorStandIns, type OperatorStandIns } from '../operator-stand-ins';
import { createLeaseTable, writeLease } from '../kcl-lease-table-writer';

const SHARD = (n: number): string => `shardId-${String(n).padStart(12, '0')}`;
const HASH_OF_SHARD = ['0', (2n ** 127n + 1n).toString()];
const APP = 'reset-app';

describe('npm run checkpoints (kinesis-local + dynalite lease table)', function () {
  this.timeout(120_000);
  let env: OperatorStandIns;
  /** Per shard, the sequence numbers of the records before and at/after the reset time. */
  const older: string[][] = [[], []];
  const newer: string[][] = [[], []];
  let atIso = '';

  const put = async (shard: number, text: string): Promise<string> =>
    (
      await env.factory.kinesis().send(
        new PutRecordCommand({
          StreamName: 'events',
          PartitionKey: text,
          ExplicitHashKey: HASH_OF_SHARD[shard],
          Data: Buffer.from(text),
        }),
      )
    ).SequenceNumber ?? '';

  before(async () => {
    env = await startOperatorStandIns();
    await createActiveStream(env.factory, 'events', 2);
    for (let i = 0; i < 4; i += 1) for (const shard of [0, 1]) older[shard].push(await put(shard, `old-${shard}-${i}`));
    // Every earlier record arrived before `at`, every later one at or after it (waited on the clock, not slept).
    const at = Date.now() + 1;
    await until(() => Date.now() > at + 1, 1_000, 'the clock to pass the reset time', 1);
    atIso = new Date(at).toISOString();
    for (let i = 0; i < 3; i += 1) for (const shard of [0, 1]) newer[shard].push(await put(shard, `new-${shard}-${i}`));
    await createLeaseTable(env.factory.dynamodb(), APP);
    for (const shard of [0, 1])
      await writeLease(env.factory.dynamodb(), APP, {
        leaseKey: SHARD(shard),
        leaseOwner: 'worker-1',
        leaseCounter: 40,
        checkpoint: newer[shard][2],
      });
    // The KCL 3 attributes on one lease: a hand-off in progress and the measured throughput.
    await env.factory.dynamodb().send(
      new UpdateItemCommand({
        TableName: APP,
        Key: { leaseKey: { S: SHARD(1) } },
        UpdateExpression: 'SET checkpointOwner = :o, throughputKBps = :t',
        ExpressionAttributeValues: { ':o': { S: 'worker-1' }, ':t': { N: '1.5' } },
      }),
    );
  });
  after(async () => {
    await env?.stop();
  });

  async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCheckpointsCli(argv, {
      env: {},
      print: (text) => out.push(text),
      printError: (text) => err.push(text),
      logger: new NullLogger(),
      clientFactory: () => env.factory,
    });
    return { code, out: out.join('\n'), err: err.join('\n') };
  }
  const common = ['--app', APP, '--stream', 'events', '--observe-ms', '1000'];

  /** What a KCL worker reads from a lease: AT_SEQUENCE_NUMBER of its checkpoint, minus every ESN <= the checkpoint. */
  async function kclWouldRead(shard: number): Promise<string[]> {
    const lease = await readLease(env.factory.dynamodbDocument(), APP, SHARD(shard));
    const checkpoint = lease?.checkpoint ?? '';
    const sub = lease?.checkpointSubSequenceNumber ?? 0;
    const iterator = await env.factory.kinesis().send(
      new GetShardIteratorCommand({
        StreamName: 'events',
        ShardId: SHARD(shard),
        ShardIteratorType: 'AT_SEQUENCE_NUMBER',
        StartingSequenceNumber: checkpoint,
      }),
    );
    const page = await env.factory.kinesis().send(new GetRecordsCommand({ ShardIterator: iterator.ShardIterator }));
    return (page.Records ?? [])
      .map((r) => r.SequenceNumber ?? '')
      .filter((seq) => BigInt(seq) > BigInt(checkpoint) || (seq === checkpoint && 0 > sub));
  }

  it('refuses while a worker renews a lease, and changes nothing', async () => {
    let renewing = true;
    const renewer = (async (): Promise<void> => {
      while (renewing) {
        await env.factory.dynamodb().send(
          new UpdateItemCommand({
            TableName: APP,
            Key: { leaseKey: { S: SHARD(0) } },
            UpdateExpression: 'ADD leaseCounter :one',
            ExpressionAttributeValues: { ':one': { N: '1' } },
          }),
        );
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    })();
    const result = await cli('reset', ...common, '--at', atIso, '--json').finally(async () => {
      renewing = false;
      await renewer;
    });
    expect(result.code).to.equal(CHECKPOINTS_EXIT.refused);
    const summary = JSON.parse(result.out) as { refused: boolean; live: { leaseKey: string }[] };
    expect(summary.refused).to.equal(true);
    expect(summary.live.map((l) => l.leaseKey)).to.deep.equal([SHARD(0)]);
    const lease = await readLease(env.factory.dynamodbDocument(), APP, SHARD(0));
    expect(lease?.checkpoint).to.equal(newer[0][2]);
    expect(lease?.leaseOwner).to.equal('worker-1');
  });

  it('a dry run names each shard’s first record at the time and writes nothing', async () => {
    const result = await cli('reset', ...common, '--at', atIso, '--dry-run', '--json');
    expect(result.code, result.err).to.equal(CHECKPOINTS_EXIT.ok);
    const summary = JSON.parse(result.out) as {
      leases: {
        shardId: string;
        action: string;
        to: { checkpoint: string; subSequenceNumber: number; rule: string };
      }[];
    };
    expect(
      summary.leases.map((l) => [l.shardId, l.action, l.to.rule, l.to.checkpoint, l.to.subSequenceNumber]),
    ).to.deep.equal([
      [SHARD(0), 'planned', 'at-first-record', newer[0][0], -1],
      [SHARD(1), 'planned', 'at-first-record', newer[1][0], -1],
    ]);
    expect((await readLease(env.factory.dynamodbDocument(), APP, SHARD(1)))?.checkpoint).to.equal(newer[1][2]);
  });

  it('resets a stopped consumer AT the first record of the time: a KCL worker reads every later record, none before', async () => {
    const counter = (await readLease(env.factory.dynamodbDocument(), APP, SHARD(1)))?.leaseCounter ?? 0;
    const result = await cli('reset', ...common, '--at', atIso);
    expect(result.code, result.err).to.equal(CHECKPOINTS_EXIT.ok);
    expect(result.out).to.match(/^reset 2 of 2 leases/);
    for (const shard of [0, 1]) expect(await kclWouldRead(shard)).to.deep.equal(newer[shard]);
    const lease = await readLease(env.factory.dynamodbDocument(), APP, SHARD(1));
    expect(lease).to.include({ leaseOwner: null, checkpointOwner: null, checkpointSubSequenceNumber: -1 });
    expect(lease?.leaseCounter).to.equal(counter + 1);
    // A rerun finds every lease where it belongs.
    const again = await cli('reset', ...common, '--at', atIso);
    expect(again.out).to.match(/^reset 0 of 2 leases/);
  });

  it('a time after the last record resumes after it, so nothing old is read and nothing new is missed', async () => {
    const result = await cli('reset', ...common, '--at', new Date(Date.now() + 60_000).toISOString(), '--json');
    expect(result.code, result.err).to.equal(CHECKPOINTS_EXIT.ok);
    const lease = await readLease(env.factory.dynamodbDocument(), APP, SHARD(0));
    expect(lease).to.include({ checkpoint: newer[0][2], checkpointSubSequenceNumber: AFTER_LAST_SUB_RECORD });
    expect(await kclWouldRead(0)).to.deep.equal([]);
    const next = await put(0, 'newest');
    expect(await kclWouldRead(0)).to.deep.equal([next]);
  });

  it('list shows each lease with its checkpoint (the monitor’s report)', async () => {
    const result = await cli('list', '--app', APP, '--stream', 'events', '--json');
    expect(result.code, result.err).to.equal(CHECKPOINTS_EXIT.ok);
    const report = JSON.parse(result.out) as { shards: { shardId: string; checkpoint: string }[] };
    expect(report.shards.map((s) => s.shardId)).to.deep.equal([SHARD(0), SHARD(1)]);
    expect((await cli('show', '--app', APP, '--stream', 'events')).code).to.equal(CHECKPOINTS_EXIT.ok);
  });

  it('exits 2 on a missing --at, an unknown command or a missing --app', async () => {
    expect((await cli('reset', '--app', APP, '--stream', 'events')).code).to.equal(CHECKPOINTS_EXIT.usage);
    expect((await cli('rewind', '--app', APP, '--stream', 'events')).code).to.equal(CHECKPOINTS_EXIT.usage);
    expect((await cli('list', '--stream', 'events')).code).to.equal(CHECKPOINTS_EXIT.usage);
  });
});
