// npm run replay against s3rver and PostgreSQL: a period loaded again reconciles to the same rows, twice, and --rescore replaces scores.
import { expect } from 'chai';
import { NullLogger } from '../../../common/logger';
import { runReplayCli } from '../../../analytics/replay/replay-cli';
import { parsePayload } from '../../../consumer/decode/payload-parser';
import { CURATED_POSTS } from '../../../consumer/sinks/curated/curated-tables';
import { readCuratedTable, rowIdentities } from '../../support/curated-reader';
import { cutIntoBatches, makeShardStream, type StreamItem } from '../../support/sink-batch-factory';
import { startSinkStandIns, type SinkStandIns } from '../../support/stand-ins-sinks';
import { analyticsEnv, archiveSink, curatedSink, query, redshiftSink } from '../consumer/sinks/sink-fixtures';

const ALL_POSTS = 'SELECT * FROM post_sentiment ORDER BY shard_id, sequence_number, sub_sequence_number';
const ALL_VEHICLES = 'SELECT * FROM vehicle_readings ORDER BY shard_id, sequence_number, sub_sequence_number';

describe('npm run replay against s3rver and PostgreSQL', function () {
  this.timeout(180_000);
  let standIns: SinkStandIns;
  let env: Record<string, string>;
  let original: { posts: unknown[]; vehicles: unknown[] };
  const saved = { id: process.env.AWS_ACCESS_KEY_ID, secret: process.env.AWS_SECRET_ACCESS_KEY };
  // The consumer loads what it decodes from the bytes: the fixture's posts carry fields their JSON lacks (user).
  const asDecoded = (item: StreamItem): StreamItem =>
    item.decoded.kind === 'post' ? { ...item, decoded: parsePayload(item.decoded.record) } : item;
  // Scored as Comprehend scores: with key phrases, which a replay must keep with the scores it reuses.
  const withPhrases = (item: StreamItem): StreamItem =>
    item.sentiment?.ok === true && item.decoded.kind === 'post'
      ? { ...item, sentiment: { ...item.sentiment, keyPhrases: item.decoded.post.text.split(' ').slice(0, 2) } }
      : item;
  const shards = ['shardId-000000000001', 'shardId-000000000002'].map((shardId, i) =>
    makeShardStream({ shardId, count: 300, perAggregate: 3, seed: 41 + i })
      .map(asDecoded)
      .map(withPhrases),
  );

  before(async () => {
    standIns = await startSinkStandIns();
    process.env.AWS_ACCESS_KEY_ID = 'S3RVER';
    process.env.AWS_SECRET_ACCESS_KEY = 'S3RVER';
    const sinks = [archiveSink(standIns), curatedSink(standIns), redshiftSink(standIns.postgresUrl)];
    for (const items of shards)
      for (const batch of cutIntoBatches(items, [90])) await Promise.all(sinks.map((sink) => sink.write(batch)));
    await Promise.all(sinks.map((sink) => sink.close()));
    original = await tables();
    expect(original.posts.filter((p) => (p as { key_phrases: unknown }).key_phrases !== null).length).to.be.greaterThan(
      0,
    );
    env = analyticsEnv(standIns);
  });
  after(async () => {
    process.env.AWS_ACCESS_KEY_ID = saved.id;
    process.env.AWS_SECRET_ACCESS_KEY = saved.secret;
    await standIns?.stop();
  });

  async function tables(): Promise<{ posts: unknown[]; vehicles: unknown[] }> {
    const strip = (rows: Record<string, unknown>[]): unknown[] => rows.map(({ loaded_at: _, ...rest }) => rest);
    return {
      posts: strip(await query<Record<string, unknown>>(standIns.postgresUrl, ALL_POSTS)),
      vehicles: strip(await query<Record<string, unknown>>(standIns.postgresUrl, ALL_VEHICLES)),
    };
  }

  async function replay(...argv: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runReplayCli(argv, {
      env,
      print: (text) => out.push(text),
      printError: (text) => err.push(text),
      logger: new NullLogger(),
    });
    return { code, out, err };
  }
  const period = ['--from', '2026-11-22T09:00:00Z', '--to', '2026-11-22T11:00:00Z'];

  it('changes nothing on a dry run', async () => {
    await query(standIns.postgresUrl, 'DELETE FROM vehicle_readings');
    const { code, out } = await replay(...period, '--dry-run', '--json');
    expect(code).to.equal(0);
    expect(JSON.parse(out[0] ?? '{}')).to.include({ dryRun: true, records: 600, shards: 2 });
    expect((await tables()).vehicles).to.deep.equal([]);
  });

  it('rebuilds lost rows and wrong scores to exactly what the consumer loaded, and again to the same rows', async () => {
    await query(standIns.postgresUrl, 'DELETE FROM post_sentiment WHERE sub_sequence_number = 1');
    await query(standIns.postgresUrl, "UPDATE post_sentiment SET sentiment_label = 'MIXED', score_mixed = 1");
    const first = await replay(...period);
    expect(first.code, first.err.join('\n')).to.equal(0);
    expect(first.out[0]).to.match(
      /^replayed 600 records from \d+ archive objects \(2 shards\): \d+ posts \(0 scored again\)/,
    );
    expect(await tables()).to.deep.equal(original);
    expect((await replay(...period)).code).to.equal(0);
    expect(await tables()).to.deep.equal(original);
  });

  it('replaces the scores with --rescore in the warehouse and the curated dataset, and adds no row', async () => {
    const curatedBefore = await readCuratedTable(standIns.s3, standIns.bucket, 'curated');
    const { code, out } = await replay(...period, '--rescore', '--json');
    expect(code).to.equal(0);
    const summary = JSON.parse(out[0] ?? '{}') as { posts: number; scoredAgain: number };
    expect(summary.scoredAgain).to.equal(summary.posts);
    const after = await tables();
    expect(after.posts).to.have.length(original.posts.length);
    expect(after.vehicles).to.deep.equal(original.vehicles);
    const labels = new Set((after.posts as { sentiment_label: string | null }[]).map((row) => row.sentiment_label));
    expect([...labels]).to.deep.equal(['NEUTRAL']);
    // The curated dataset: same objects, same rows in the same order, the warehouse's new scores.
    const curatedAfter = await readCuratedTable(standIns.s3, standIns.bucket, 'curated');
    expect(curatedAfter.keys).to.deep.equal(curatedBefore.keys);
    expect(rowIdentities(curatedAfter.rows)).to.deep.equal(rowIdentities(curatedBefore.rows));
    const label = CURATED_POSTS.columns.findIndex((c) => c.name === 'sentiment_label');
    expect([...new Set(curatedAfter.rows.map((row) => row[label]))]).to.deep.equal(['NEUTRAL']);
    expect(JSON.parse(out[0] ?? '{}')).to.include({ curatedRowsRescored: curatedAfter.rows.length });
  });

  it('exits 2 with the usage on a bad period', async () => {
    const { code, err } = await replay('--from', 'yesterday', '--to', '2026-11-22T11:00:00Z');
    expect(code).to.equal(2);
    expect(err.join('\n')).to.include('--from must be an ISO time');
  });
});
