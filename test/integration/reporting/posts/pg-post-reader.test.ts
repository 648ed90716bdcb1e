// The people tools' SQL against the real PostgreSQL stand-in, on the table the sinks' DDL creates: buckets, filters, order, UTC.
import { expect } from 'chai';
import { NullLogger } from '../../../../common/logger';
import { PgPostReader } from '../../../../reporting/posts/pg-post-reader';
import { startSinkStandIns, type SinkStandIns } from '../../../support/stand-ins-sinks';
import { createPostsTable, insertPosts, POSTS_TABLE, truncatePosts } from '../posts-table';

const MIN = 60_000;
const T0 = Date.UTC(2026, 10, 20, 10, 0, 0);

describe('PgPostReader on PostgreSQL', function () {
  this.timeout(60_000);
  let standIns: SinkStandIns;
  let reader: PgPostReader;

  before(async () => {
    standIns = await startSinkStandIns({ s3: false });
    await createPostsTable(standIns.postgresUrl);
    reader = new PgPostReader(
      {
        url: standIns.postgresUrl,
        tls: { enabled: false, rejectUnauthorized: true },
        poolSize: 2,
        table: POSTS_TABLE,
        statementTimeoutMs: 10_000,
        origin: 'test',
      },
      new NullLogger(),
    );
  });
  beforeEach(() => truncatePosts(standIns.postgresUrl));
  after(async () => {
    await reader?.close();
    await standIns?.stop();
  });

  it('counts posts per minute and label in UTC, with score sums over scored posts only', async () => {
    await insertPosts(standIns.postgresUrl, [
      { atMs: T0 + 5_000, label: 'NEGATIVE' },
      { atMs: T0 + 59_999, label: 'NEGATIVE' },
      { atMs: T0 + MIN, label: 'POSITIVE' },
      { atMs: T0 + MIN + 1, label: null },
      { atMs: T0 - 1, label: 'NEGATIVE' },
      { atMs: T0 + 2 * MIN, label: 'NEUTRAL' },
    ]);

    const counts = await reader.countByLabel({ fromMs: T0, toMs: T0 + 2 * MIN }, 'minute');

    expect(counts.map((c) => ({ ...c, scoreSum: Math.round(c.scoreSum * 1000) / 1000 }))).to.deep.equal([
      { bucketMs: T0, label: 'NEGATIVE', posts: 2, scoreSum: -1.4, scored: 2 },
      { bucketMs: T0 + MIN, label: 'POSITIVE', posts: 1, scoreSum: 0.85, scored: 1 },
      { bucketMs: T0 + MIN, label: 'UNSCORED', posts: 1, scoreSum: 0, scored: 0 },
    ]);
  });

  it('buckets by UTC day across a week boundary (Sunday 23:59:59.999 in, Monday 00:00 out)', async () => {
    const monday = Date.UTC(2026, 10, 16);
    const nextMonday = monday + 7 * 86_400_000;
    await insertPosts(standIns.postgresUrl, [
      { atMs: monday, label: 'POSITIVE' },
      { atMs: nextMonday - 1, label: 'MIXED' },
      { atMs: nextMonday, label: 'NEGATIVE' },
    ]);

    const counts = await reader.countByLabel({ fromMs: monday, toMs: nextMonday }, 'day');

    expect(counts.map((c) => `${new Date(c.bucketMs).toISOString()} ${c.label} ${c.posts}`)).to.deep.equal([
      '2026-11-16T00:00:00.000Z POSITIVE 1',
      '2026-11-22T00:00:00.000Z MIXED 1',
    ]);
  });

  it('returns the newest NEGATIVE posts first, with keys, UTC times and hashtags from JSONB', async () => {
    await insertPosts(standIns.postgresUrl, [
      { atMs: T0, label: 'NEGATIVE', hashtags: ['TransitPolicy', 'fares'], text: "it's 'quoted' -- not SQL" },
      { atMs: T0 + MIN, label: 'POSITIVE' },
      { atMs: T0 + 2 * MIN, label: 'NEGATIVE' },
      { atMs: T0 + 3 * MIN, label: 'NEGATIVE' },
    ]);

    const posts = await reader.latestPosts({ fromMs: T0, toMs: T0 + 10 * MIN }, 2, 'NEGATIVE');
    const all = await reader.latestPosts({ fromMs: T0, toMs: T0 + 10 * MIN }, 10);

    expect(posts.map((p) => new Date(p.createdAtMs).toISOString())).to.deep.equal([
      '2026-11-20T10:03:00.000Z',
      '2026-11-20T10:02:00.000Z',
    ]);
    expect(posts[0]!.key).to.match(/^shardId-000000000000\/\d+\/0$/);
    expect(all).to.have.length(4);
    expect(all[3]).to.include({ text: "it's 'quoted' -- not SQL", label: 'NEGATIVE' });
    expect(all[3]!.hashtags).to.deep.equal(['TransitPolicy', 'fares']);
    expect(all[3]!.score).to.be.closeTo(-0.7, 1e-9);
  });

  it('finds UNSCORED posts by their missing label', async () => {
    await insertPosts(standIns.postgresUrl, [
      { atMs: T0, label: null },
      { atMs: T0, label: 'NEUTRAL' },
    ]);

    const unscored = await reader.latestPosts({ fromMs: T0, toMs: T0 + MIN }, 10, 'UNSCORED');

    expect(unscored.map((p) => [p.label, p.score])).to.deep.equal([['UNSCORED', null]]);
  });
});
