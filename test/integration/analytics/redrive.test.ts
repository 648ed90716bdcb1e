// npm run redrive against s3rver and PostgreSQL: after a fix, exactly the dead letters of a reason load, once, and the ledger keeps what failed again.
import { DeleteObjectCommand } from '@aws-sdk/client-s3';
import { expect } from 'chai';
import { NullLogger } from '../../../common/logger';
import { identityKey } from '../../../common/user-record';
import { runRedriveCli } from '../../../analytics/redrive/redrive-cli';
import type { RejectionReason } from '../../../consumer/decode/decoded-record';
import { parsePayload } from '../../../consumer/decode/payload-parser';
import { CURATED_POSTS, CURATED_VEHICLES } from '../../../consumer/sinks/curated/curated-tables';
import { readCuratedTable, rowIdentities } from '../../support/curated-reader';
import { cutIntoBatches, makeShardStream, type StreamItem } from '../../support/sink-batch-factory';
import { listKeys } from '../../support/stand-ins-archive';
import { startSinkStandIns, type SinkStandIns } from '../../support/stand-ins-sinks';
import { analyticsEnv, archiveSink, curatedSink, redshiftSink, tableIdentities } from '../consumer/sinks/sink-fixtures';

/** The "bug": the consumer ran with a record limit too small for real posts, so they went to the dead letters as too-large. */
const TOO_SMALL = { maxRecordBytes: 150 };

describe('npm run redrive against s3rver and PostgreSQL', function () {
  this.timeout(180_000);
  let standIns: SinkStandIns;
  let env: Record<string, string>;
  const saved = { id: process.env.AWS_ACCESS_KEY_ID, secret: process.env.AWS_SECRET_ACCESS_KEY };
  // Shard 1 arrives at 09:58, shard 2 at 11:30: a period selects the second only.
  const streams = [
    makeShardStream({ shardId: 'shardId-000000000001', count: 200, perAggregate: 2, seed: 5 }),
    makeShardStream({
      shardId: 'shardId-000000000002',
      count: 200,
      perAggregate: 2,
      seed: 6,
      startMs: Date.UTC(2026, 10, 22, 11, 30, 0),
    }),
  ];
  /** What the consumer decoded with the bug: poison stays poison, long records become too-large. */
  const withBug = (item: StreamItem): StreamItem =>
    item.decoded.kind === 'rejected' ? item : { ...item, decoded: parsePayload(item.decoded.record, TOO_SMALL) };
  const reasonOf = (item: StreamItem): RejectionReason | undefined =>
    item.decoded.kind === 'rejected' ? item.decoded.reason : undefined;
  const buggy = streams.map((items) => items.map(withBug));
  const tooLarge = (shard: number): string[] =>
    buggy[shard].filter((item) => reasonOf(item) === 'too-large').map((item) => identityKey(item.decoded.record));
  const tables = async (): Promise<{ pg: string[]; curated: string[] }> => ({
    pg: [
      ...(await tableIdentities(standIns.postgresUrl, 'post_sentiment')),
      ...(await tableIdentities(standIns.postgresUrl, 'vehicle_readings')),
    ].sort(),
    curated: [
      ...rowIdentities((await readCuratedTable(standIns.s3, standIns.bucket, 'curated', CURATED_POSTS)).rows),
      ...rowIdentities((await readCuratedTable(standIns.s3, standIns.bucket, 'curated', CURATED_VEHICLES)).rows),
    ].sort(),
  });
  let original: { pg: string[]; curated: string[] };

  before(async () => {
    standIns = await startSinkStandIns();
    process.env.AWS_ACCESS_KEY_ID = 'S3RVER';
    process.env.AWS_SECRET_ACCESS_KEY = 'S3RVER';
    const sinks = [archiveSink(standIns), curatedSink(standIns), redshiftSink(standIns.postgresUrl)];
    for (const items of buggy)
      for (const batch of cutIntoBatches(items, [37])) await Promise.all(sinks.map((sink) => sink.write(batch)));
    await Promise.all(sinks.map((sink) => sink.close()));
    expect(tooLarge(0).length, 'the fixture has too-large letters on shard 1').to.be.greaterThan(5);
    expect(tooLarge(1).length, 'and on shard 2').to.be.greaterThan(5);
    original = await tables();
    env = {
      ...analyticsEnv(standIns),
      ARCHIVE_PREFIX: 'raw',
      CURATED_ENABLED: 'true',
      CURATED_PREFIX: 'curated',
      CURATED_STATE_PREFIX: 'curated-state',
    };
  });
  after(async () => {
    process.env.AWS_ACCESS_KEY_ID = saved.id;
    process.env.AWS_SECRET_ACCESS_KEY = saved.secret;
    await standIns?.stop();
  });

  async function redrive(
    extraEnv: Record<string, string>,
    ...argv: string[]
  ): Promise<{ code: number; summary: Record<string, unknown>; err: string[] }> {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runRedriveCli([...argv, '--json'], {
      env: { ...env, ...extraEnv },
      print: (text) => out.push(text),
      printError: (text) => err.push(text),
      logger: new NullLogger(),
    });
    return { code, summary: JSON.parse(out[0] ?? '{}') as Record<string, unknown>, err };
  }

  it('before the fix: every letter fails again with its reason recorded, exit 3, nothing loads', async () => {
    const { code, summary } = await redrive({ MAX_RECORD_BYTES: '150' }, '--reason', 'too-large');
    expect(code).to.equal(3);
    const letters = tooLarge(0).length + tooLarge(1).length;
    expect(summary).to.include({ redriven: 0, failedAgain: letters, alreadyRedriven: 0 });
    expect(summary.failedAgainByReason).to.deep.equal({ 'too-large': letters });
    expect(await tables()).to.deep.equal(original);
    const ledger = await listKeys(standIns.s3, standIns.bucket, 'state/raw/redrive/');
    expect(ledger.length).to.be.greaterThan(0);
  });

  it('a dry run after the fix says what would load and writes nothing', async () => {
    const ledgerBefore = await listKeys(standIns.s3, standIns.bucket, 'state/raw/redrive/');
    const { code, summary } = await redrive({}, '--reason', 'too-large', '--dry-run');
    expect(code).to.equal(0);
    expect(summary).to.include({ dryRun: true, redriven: tooLarge(0).length + tooLarge(1).length, failedAgain: 0 });
    expect(await tables()).to.deep.equal(original);
    expect(await listKeys(standIns.s3, standIns.bucket, 'state/raw/redrive/')).to.deep.equal(ledgerBefore);
  });

  it('after the fix, a period loads exactly its too-large letters into the warehouse and the curated dataset', async () => {
    const period = ['--from', '2026-11-22T11:00:00Z', '--to', '2026-11-22T12:00:00Z'];
    const { code, summary, err } = await redrive({}, '--reason', 'too-large', ...period);
    expect(code, err.join('\n')).to.equal(0);
    expect(summary).to.include({ redriven: tooLarge(1).length, failedAgain: 0 });
    expect(err.some((line) => line.startsWith('redrove errors/raw/too-large/2026/11/22/11/'))).to.equal(true);
    const after = await tables();
    expect(after.pg).to.deep.equal([...original.pg, ...tooLarge(1)].sort());
    expect(after.curated).to.deep.equal([...original.curated, ...tooLarge(1)].sort());
  });

  it('the whole reason then loads the rest once; a rerun adds nothing; other reasons are untouched', async () => {
    const first = await redrive({}, '--reason', 'too-large');
    expect(first.code, first.err.join('\n')).to.equal(0);
    expect(first.summary).to.include({ redriven: tooLarge(0).length, alreadyRedriven: tooLarge(1).length });
    const expected = [...original.pg, ...tooLarge(0), ...tooLarge(1)].sort();
    const after = await tables();
    expect(after.pg).to.deep.equal(expected);
    expect(after.curated).to.deep.equal([...original.curated, ...tooLarge(0), ...tooLarge(1)].sort());
    const again = await redrive({}, '--reason', 'too-large');
    expect(again.code).to.equal(0);
    expect(again.summary).to.include({ redriven: 0, alreadyRedriven: tooLarge(0).length + tooLarge(1).length });
    expect(await tables()).to.deep.equal(after);
    // A crash between the sinks and the ledger (the ledger lost here): the letters load again, and nothing doubles.
    for (const key of await listKeys(standIns.s3, standIns.bucket, 'state/raw/redrive/'))
      await standIns.s3.send(new DeleteObjectCommand({ Bucket: standIns.bucket, Key: key }));
    const afterCrash = await redrive({}, '--reason', 'too-large');
    expect(afterCrash.summary).to.include({ redriven: tooLarge(0).length + tooLarge(1).length, alreadyRedriven: 0 });
    expect(await tables()).to.deep.equal(after);
    // The consumer with the fix would have loaded exactly these rows.
    const fixed = streams
      .flat()
      .filter((item) => item.decoded.kind !== 'rejected')
      .map((item) => identityKey(item.decoded.record))
      .sort();
    expect(after.pg).to.deep.equal(fixed);
  });

  it('letters of a reason no fix touched fail again with their reason and stay for the next run', async () => {
    const poison = buggy.flat().filter((item) => reasonOf(item) === 'invalid-json').length;
    const first = await redrive({}, '--reason', 'invalid-json');
    expect(first.code).to.equal(3);
    expect(first.summary).to.include({ redriven: 0, failedAgain: poison });
    const second = await redrive({}, '--reason', 'invalid-json');
    expect(second.summary).to.include({ failedAgain: poison, alreadyRedriven: 0 });
  });

  it('exits 2 with the usage on an unknown reason or no source', async () => {
    expect((await redrive({}, '--reason', 'bad-luck')).code).to.equal(2);
    expect((await redrive({})).code).to.equal(2);
  });
});
