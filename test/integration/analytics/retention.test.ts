// npm run retention against PostgreSQL: rows before the cut-off and their rollups go, in one transaction; the rest stays; a rerun deletes nothing.
import { expect } from 'chai';
import { runRetentionCli } from '../../../analytics/retention/retention-cli';
import { ConfigReader } from '../../../common/config/config-reader';
import { NullLogger } from '../../../common/logger';
import { parsePayload } from '../../../consumer/decode/payload-parser';
import { PgQueryRunner } from '../../../reporting/posts/pg-query-runner';
import { readPostsSource } from '../../../reporting/posts/posts-source';
import { RollupRefresher } from '../../../reporting/posts/rollup-refresher';
import { cutIntoBatches, makeShardStream, type StreamItem } from '../../support/sink-batch-factory';
import { startSinkStandIns, type SinkStandIns } from '../../support/stand-ins-sinks';
import { query, redshiftSink } from '../consumer/sinks/sink-fixtures';

const NOW = Date.UTC(2026, 10, 25, 12, 0, 0);
const CUTOFF = '2026-11-15T00:00:00.000Z';

describe('npm run retention against PostgreSQL', function () {
  this.timeout(120_000);
  let standIns: SinkStandIns;
  let env: Record<string, string>;
  let runner: PgQueryRunner;

  const decoded = (item: StreamItem): StreamItem =>
    item.decoded.kind === 'post' ? { ...item, decoded: parsePayload(item.decoded.record) } : item;

  before(async () => {
    standIns = await startSinkStandIns({ s3: false });
    const sink = redshiftSink(standIns.postgresUrl);
    for (const [i, startMs] of [
      Date.UTC(2026, 10, 1, 8),
      Date.UTC(2026, 10, 14, 23, 30),
      Date.UTC(2026, 10, 22, 9),
    ].entries())
      for (const batch of cutIntoBatches(
        makeShardStream({ shardId: `shardId-00000000000${i}`, count: 80, startMs, seed: i + 3 }).map(decoded),
        [40],
      ))
        await sink.write(batch);
    await sink.close();
    env = {
      REDSHIFT_URL: standIns.postgresUrl,
      REDSHIFT_DIALECT: 'postgresql',
      REDSHIFT_TLS: 'false',
      REDSHIFT_POSTS_TABLE: 'post_sentiment',
      REDSHIFT_VEHICLES_TABLE: 'vehicle_readings',
    };
    runner = new PgQueryRunner(readPostsSource(new ConfigReader('test', [env])), new NullLogger());
    await new RollupRefresher(runner, 'post_sentiment', 'postgresql', new NullLogger()).refresh();
  });
  after(async () => {
    await runner?.close();
    await standIns?.stop();
  });

  async function retention(...argv: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runRetentionCli(argv, {
      env,
      print: (text) => out.push(text),
      printError: (text) => err.push(text),
      logger: new NullLogger(),
      nowMs: () => NOW,
    });
    return { code, out, err };
  }
  const count = async (sql: string): Promise<number> =>
    Number((await query<{ n: string }>(standIns.postgresUrl, sql))[0]?.n);
  const rollups = async (): Promise<unknown[]> => [
    ...(await query(standIns.postgresUrl, 'SELECT * FROM post_sentiment_hourly ORDER BY 1, 2, 3, 4')),
    ...(await query(standIns.postgresUrl, 'SELECT * FROM post_sentiment_terms_hourly ORDER BY 1, 2, 3, 4, 5')),
    ...(await query(standIns.postgresUrl, 'SELECT * FROM post_sentiment_terms_daily ORDER BY 1, 2, 3, 4, 5')),
  ];

  it('counts on a dry run and deletes nothing', async () => {
    const posts = await count('SELECT COUNT(*) AS n FROM post_sentiment');
    const { code, out } = await retention('--older-than', '10', '--dry-run', '--json');
    expect(code).to.equal(0);
    const summary = JSON.parse(out[0] ?? '{}') as { posts: number; cutoff: string };
    expect(summary.cutoff).to.equal(CUTOFF);
    expect(summary.posts).to.be.greaterThan(0);
    expect(await count('SELECT COUNT(*) AS n FROM post_sentiment')).to.equal(posts);
  });

  it('deletes the posts, readings and rollups before the cut-off and keeps the rest consistent', async () => {
    const newer = await count(`SELECT COUNT(*) AS n FROM post_sentiment WHERE created_at >= '2026-11-15'`);
    const newerVehicles = await count(`SELECT COUNT(*) AS n FROM vehicle_readings WHERE reading_time >= '2026-11-15'`);
    const { code, out, err } = await retention('--older-than', '10', '--json');
    expect(code, err.join('\n')).to.equal(0);
    const summary = JSON.parse(out[0] ?? '{}') as { posts: number; vehicles: number; rollupRows: number };
    expect(summary.posts).to.be.greaterThan(0);
    expect(summary.vehicles).to.be.greaterThan(0);
    expect(summary.rollupRows).to.be.greaterThan(0);
    expect(await count(`SELECT COUNT(*) AS n FROM post_sentiment WHERE created_at < '2026-11-15'`)).to.equal(0);
    expect(await count('SELECT COUNT(*) AS n FROM post_sentiment')).to.equal(newer);
    expect(await count('SELECT COUNT(*) AS n FROM vehicle_readings')).to.equal(newerVehicles);
    expect(await count(`SELECT COUNT(*) AS n FROM post_sentiment_hourly WHERE hour < '2026-11-15'`)).to.equal(0);
    // What remains equals rollups built from scratch over the remaining rows.
    const kept = await rollups();
    await query(
      standIns.postgresUrl,
      'DELETE FROM post_sentiment_hourly; DELETE FROM post_sentiment_terms_hourly; DELETE FROM post_sentiment_terms_daily; DELETE FROM post_sentiment_rollup_state',
    );
    await new RollupRefresher(runner, 'post_sentiment', 'postgresql', new NullLogger()).refresh();
    expect(kept).to.deep.equal(await rollups());
  });

  it('deletes nothing on a rerun', async () => {
    const { code, out } = await retention('--older-than', '10', '--json');
    expect(code).to.equal(0);
    expect(JSON.parse(out[0] ?? '{}')).to.include({ posts: 0, vehicles: 0, rollupRows: 0 });
  });

  it('exits 2 without a period or with a bad one', async () => {
    expect((await retention()).code).to.equal(2);
    const { code, err } = await retention('--older-than', '0');
    expect(code).to.equal(2);
    expect(err.join('\n')).to.include('whole number of days >= 1');
  });
});
