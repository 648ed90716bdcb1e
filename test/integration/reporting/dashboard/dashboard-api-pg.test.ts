// The dashboard's API against the real PostgreSQL stand-in, on the tables and rollups the sinks' DDL creates: the
// same answers with and without the rollups, every filter, keyset paging, terms, the Spanish text search, CSV.
import { expect } from 'chai';
import { Client } from 'pg';
import { NullLogger } from '../../../../common/logger';
import { dashboardRollupSql } from '../../../../consumer/sinks/redshift/dashboard-rollups';
import { POSTGRESQL } from '../../../../consumer/sinks/redshift/sql-dialect';
import { ensureTableSql } from '../../../../consumer/sinks/redshift/table-ddl';
import { postTable } from '../../../../consumer/sinks/redshift/table-spec';
import type { RunningDashboard } from '../../../../reporting/dashboard/dashboard-server';
import { PgQueryRunner } from '../../../../reporting/posts/pg-query-runner';
import { PgSelectionReader } from '../../../../reporting/posts/pg-selection-reader';
import type { PostsSource } from '../../../../reporting/posts/posts-source';
import { timestampParam } from '../../../../reporting/posts/post-queries';
import { RollupRefresher } from '../../../../reporting/posts/rollup-refresher';
import { parseCsv } from '../../../support/parse-csv';
import { startSinkStandIns, type SinkStandIns } from '../../../support/stand-ins-sinks';
import { startTestDashboard } from '../../../support/test-dashboard';

const TABLE = 'public.post_sentiment';
const HOUR = 3_600_000;
const NOW = Date.UTC(2026, 11, 6, 12, 30, 0);

interface Row {
  atMs: number;
  label: string | null;
  text: string;
  lang: string;
  source: string;
  hashtags: string[];
}

/** Three days of posts: every 10 minutes one, rotating labels, languages and sources; a Spanish burst at 09:xx today. */
function seed(): Row[] {
  const rows: Row[] = [];
  const labels = ['NEGATIVE', 'POSITIVE', 'NEUTRAL', null];
  for (let i = 0; i < 6 * 24 * 3; i++) {
    const atMs = NOW - 3 * 24 * HOUR + i * 600_000 + 17_000;
    rows.push({
      atMs,
      label: labels[i % 4]!,
      text: i % 2 === 0 ? 'el metro llega tarde' : 'the new bike lane is great',
      lang: i % 2 === 0 ? 'es' : 'en',
      source: i % 3 === 0 ? 'x' : 'sample',
      hashtags: i % 5 === 0 ? ['Movilidad'] : [],
    });
  }
  for (let i = 0; i < 15; i++)
    rows.push({
      atMs: Date.UTC(2026, 11, 6, 9, i * 3, 5),
      label: 'NEGATIVE',
      text: `Multa injusta en la ZBE 100% abusiva_${i}`,
      lang: 'es',
      source: 'x',
      hashtags: ['ZBE', 'Movilidad'],
    });
  return rows;
}

describe('dashboard API on PostgreSQL', function () {
  this.timeout(120_000);
  let standIns: SinkStandIns;
  let source: PostsSource;
  const runners: PgQueryRunner[] = [];
  let plain: RunningDashboard;
  let rolled: RunningDashboard;
  let refresher: RollupRefresher;

  before(async () => {
    standIns = await startSinkStandIns({ s3: false });
    const client = new Client({ connectionString: standIns.postgresUrl });
    await client.connect();
    try {
      for (const sql of [...ensureTableSql(POSTGRESQL, postTable(TABLE)), ...dashboardRollupSql(POSTGRESQL, TABLE)])
        await client.query(sql);
      let n = 0;
      for (const row of seed()) {
        n += 1;
        await client.query(
          `INSERT INTO ${TABLE} (shard_id, sequence_number, sub_sequence_number, post_id, user_name, created_at, arrival_time, lang, text, text_truncated, hashtags,
             sentiment_label, score_positive, score_negative, score_neutral, score_mixed, source)
           VALUES ($1, $2, 0, $3, 'u', CAST($4 AS TIMESTAMP), CAST($4 AS TIMESTAMP), $5, $6, FALSE, CAST($7 AS JSONB), $8, $9, $10, 0, 0, $11)`,
          [
            `shardId-00000000000${n % 2}`,
            String(49_000_000 + n),
            `p${n}`,
            timestampParam(row.atMs),
            row.lang,
            row.text,
            JSON.stringify(row.hashtags),
            row.label,
            row.label === null ? null : row.label === 'POSITIVE' ? 0.9 : 0.1,
            row.label === null ? null : row.label === 'NEGATIVE' ? 0.8 : 0.1,
            row.source,
          ],
        );
      }
    } finally {
      await client.end();
    }
    source = {
      url: standIns.postgresUrl,
      tls: { enabled: false, rejectUnauthorized: true },
      poolSize: 4,
      table: TABLE,
      statementTimeoutMs: 10_000,
      origin: 'test',
      engine: 'postgresql',
    };
    const a = new PgQueryRunner(source, new NullLogger());
    const b = new PgQueryRunner(source, new NullLogger());
    runners.push(a, b);
    refresher = new RollupRefresher(b, TABLE, 'postgresql', new NullLogger(), () => NOW);
    plain = await startTestDashboard(new PgSelectionReader(a, source), { now: () => NOW, reuseMs: 0 });
    rolled = await startTestDashboard(new PgSelectionReader(b, source, refresher), { now: () => NOW, reuseMs: 0 });
  });

  after(async () => {
    await plain?.close();
    await rolled?.close();
    for (const r of runners) await r.close();
    await standIns?.stop();
  });

  const get = async <T>(server: RunningDashboard, query: string): Promise<T> => {
    const response = await fetch(`${server.url}${query}`);
    expect(response.status, `${query}: ${response.status}`).to.equal(200);
    return (await response.json()) as T;
  };

  it('fills the hourly rollups from the posts, and a second refresh finds nothing new', async () => {
    const first = await refresher.refresh();
    expect(first.hours).to.equal(73);
    expect(first.completeBeforeMs).to.equal(Date.UTC(2026, 11, 6, 12));
    expect((await refresher.refresh()).hours).to.equal(0);
  });

  it('counts the hours of a half-hour zone (from half past the UTC hour) on PostgreSQL, matching its minutes', async () => {
    const reader = new PgSelectionReader(runners[1]!, source, refresher);
    const selection = { fromMs: NOW - 24 * HOUR, toMs: NOW };
    const key = (bucketMs: number, label: string) => `${new Date(bucketMs).toISOString()} ${label}`;
    const shifted = new Map<string, number>();
    for (const c of await reader.counts(selection, 'hour', 30))
      shifted.set(key(c.bucketMs, c.label), (shifted.get(key(c.bucketMs, c.label)) ?? 0) + c.posts);
    const folded = new Map<string, number>();
    for (const c of await reader.counts(selection, 'minute')) {
      const hour = Math.floor((c.bucketMs - 30 * 60_000) / HOUR) * HOUR + 30 * 60_000;
      folded.set(key(hour, c.label), (folded.get(key(hour, c.label)) ?? 0) + c.posts);
    }
    expect(shifted.size).to.be.greaterThan(24);
    expect([...shifted.keys()].every((k) => k.slice(14, 19) === '30:00')).to.equal(true);
    expect(Object.fromEntries(shifted)).to.deep.equal(Object.fromEntries(folded));
  });

  it('answers the same summary and terms from the rollups as from the posts, for every rollup filter', async () => {
    const views = [
      'range=24h',
      'range=7d',
      'range=28d&label=NEGATIVE',
      'range=7d&lang=es&source=x',
      'from=2026-12-04T10:20:00Z&to=2026-12-06T10:40:00Z',
    ];
    for (const view of views) {
      type Summary = { buckets: unknown; totals: unknown; previous: unknown };
      const [a, b] = await Promise.all([
        get<Summary>(plain, `api/summary?${view}`),
        get<Summary>(rolled, `api/summary?${view}`),
      ]);
      expect(b.buckets, view).to.deep.equal(a.buckets);
      expect(b.totals, view).to.deep.equal(a.totals);
      expect(b.previous, view).to.deep.equal(a.previous);
      const [ta, tb] = await Promise.all([
        get<{ terms: unknown }>(plain, `api/terms?${view}`),
        get<{ terms: unknown }>(rolled, `api/terms?${view}`),
      ]);
      expect(tb.terms, view).to.deep.equal(ta.terms);
    }
  });

  it('filters by hashtag (any case, with or without #) and by text, where % and _ are literal', async () => {
    const tag = await get<{ totals: { posts: number } }>(rolled, 'api/summary?range=24h&hashtag=%23zbe');
    expect(tag.totals.posts).to.equal(15);
    const movilidad = await get<{ totals: { posts: number } }>(rolled, 'api/summary?range=7d&hashtag=MOVILIDAD');
    expect(movilidad.totals.posts).to.equal(15 + Math.ceil((6 * 24 * 3) / 5));
    expect(
      (await get<{ totals: { posts: number } }>(rolled, 'api/summary?range=24h&q=100%25%20abusiva_1')).totals.posts,
    ).to.equal(6);
    expect((await get<{ totals: { posts: number } }>(rolled, 'api/summary?range=24h&q=100_')).totals.posts).to.equal(0);
    expect((await get<{ totals: { posts: number } }>(rolled, 'api/summary?range=24h&q=MULTA')).totals.posts).to.equal(
      15,
    );
  });

  it('pages through a selection with the cursor, newest first, each post once, across equal timestamps', async () => {
    const seen: string[] = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const page: { posts: { postId: string; createdAt: string }[]; nextCursor: string | null } = await get(
        rolled,
        `api/posts?range=24h&lang=es&limit=7${cursor === '' ? '' : `&cursor=${cursor}`}`,
      );
      seen.push(...page.posts.map((p) => `${p.createdAt} ${p.postId}`));
      cursor = page.nextCursor;
    }
    const summary = await get<{ totals: { posts: number } }>(rolled, 'api/summary?range=24h&lang=es');
    expect(seen).to.have.length(summary.totals.posts);
    expect(new Set(seen).size).to.equal(seen.length);
    expect(seen.map((s) => s.slice(0, 24))).to.deep.equal([...seen.map((s) => s.slice(0, 24))].sort().reverse());
  });

  it("ranks the burst's terms first among today's negative Spanish posts, new against yesterday", async () => {
    const answer = await get<{
      terms: { term: string; posts: number; negativeShare: number; rising: boolean; change: number | null }[];
    }>(rolled, 'api/terms?range=24h&label=NEGATIVE&lang=es');
    const multa = answer.terms.find((t) => t.term === 'multa injusta');
    expect(multa).to.include({ posts: 15, negativeShare: 1, rising: true, change: null });
  });

  it('exports every post of the selection as CSV, paging past one page', async () => {
    const response = await fetch(`${rolled.url}api/export.csv?from=2026-12-03T00:00:00Z&to=2026-12-07T00:00:00Z`);
    const rows = parseCsv(await response.text());
    expect(rows).to.have.length(1 + 6 * 24 * 3 + 15);
  });

  it('sees rows that land later in one transaction (one loaded_at, in microseconds): the refresher recomputes their hours', async () => {
    const client = new Client({ connectionString: standIns.postgresUrl });
    await client.connect();
    try {
      await client.query(
        `INSERT INTO ${TABLE} (shard_id, sequence_number, sub_sequence_number, created_at, arrival_time, text, text_truncated, sentiment_label, source, lang)
         VALUES ('shardId-000000000009', '1', 0, CAST($1 AS TIMESTAMP), CAST($1 AS TIMESTAMP), 'late metro', FALSE, 'NEGATIVE', 'x', 'es'),
                ('shardId-000000000009', '2', 0, CAST($2 AS TIMESTAMP), CAST($2 AS TIMESTAMP), 'late bus', FALSE, 'POSITIVE', 'x', 'en')`,
        [timestampParam(Date.UTC(2026, 11, 4, 15, 5)), timestampParam(Date.UTC(2026, 11, 5, 2, 5))],
      );
    } finally {
      await client.end();
    }
    expect((await refresher.refresh()).hours).to.be.at.least(2);
    const a = await get<{ totals: unknown }>(plain, 'api/summary?range=7d');
    const b = await get<{ totals: unknown }>(rolled, 'api/summary?range=7d');
    expect(b.totals).to.deep.equal(a.totals);
  });
});
