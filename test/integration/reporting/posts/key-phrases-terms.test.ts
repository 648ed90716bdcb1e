// Comprehend's key phrases end to end on the stand-ins: the analyzer (fake Comprehend over HTTP) scores a batch, the
// sink stores the phrases in post_sentiment.key_phrases (embedded PostgreSQL), and every terms reader uses them.
import { expect } from 'chai';
import { Client } from 'pg';
import type { AwsClientFactory } from '../../../../common/aws/client-factory';
import { NullLogger } from '../../../../common/logger';
import type { UserRecord } from '../../../../common/user-record';
import type { DecodedRecord } from '../../../../consumer/decode/decoded-record';
import { assembleBatch } from '../../../../consumer/processor/batch-assembler';
import { ComprehendAnalyzer } from '../../../../consumer/sentiment/comprehend-analyzer';
import { LocalAnalyzer } from '../../../../consumer/sentiment/local-analyzer';
import type { SentimentAnalyzer } from '../../../../consumer/sentiment/sentiment-analyzer';
import { dashboardRollupSql } from '../../../../consumer/sinks/redshift/dashboard-rollups';
import { POSTGRESQL } from '../../../../consumer/sinks/redshift/sql-dialect';
import { createTableSql } from '../../../../consumer/sinks/redshift/table-ddl';
import { POST_COLUMNS, postTable } from '../../../../consumer/sinks/redshift/table-spec';
import { PgPostReader } from '../../../../reporting/posts/pg-post-reader';
import { PgQueryRunner } from '../../../../reporting/posts/pg-query-runner';
import { PgSelectionReader } from '../../../../reporting/posts/pg-selection-reader';
import type { PostsSource } from '../../../../reporting/posts/posts-source';
import { RollupRefresher } from '../../../../reporting/posts/rollup-refresher';
import { PgWeekDetailReader } from '../../../../reporting/report/pg-week-detail-reader';
import { fakeComprehendClient } from '../../../fakes/fake-comprehend-client';
import { FakeComprehendServer } from '../../../fakes/fake-comprehend-server';
import { startSinkStandIns, type SinkStandIns } from '../../../support/stand-ins-sinks';
import { query, redshiftSink } from '../../consumer/sinks/sink-fixtures';

const TABLE = 'public.post_sentiment';
const HOUR = 3_600_000;
/** Posts at 09:00-09:59 UTC; "now" later that day, so the rollups hold the hour. */
const NOW = Date.UTC(2026, 11, 6, 12, 0, 0);

/** Texts whose fake key phrases (pieces between punctuation) differ from the words the local tokenizer would pick. */
const TEXTS = [
  { text: 'bad: the bus lane closure, again', lang: 'en' },
  { text: 'bad. The bus lane closure!', lang: 'en' },
  { text: 'good; new bike share', lang: 'en' },
  { text: 'bad, el cierre del carril bus', lang: 'es' },
  { text: 'bad FAIL_PHRASES metro delays everywhere', lang: 'en' },
];

let sequence = 0;
function decodedPosts(shardId: string, texts: typeof TEXTS, hourMs: number): DecodedRecord[] {
  return texts.map((t, i) => {
    sequence += 1;
    const record: UserRecord = {
      shardId,
      sequenceNumber: String(49_600_000_000_000_000_000n + BigInt(sequence)),
      subSequenceNumber: 0,
      partitionKey: `u${i}`,
      approximateArrivalTimestamp: hourMs + i * 60_000 + 1_000,
      data: Buffer.from(t.text, 'utf8'),
    };
    const post = {
      id: `kp-${sequence}`,
      text: t.text,
      lang: t.lang,
      createdAt: new Date(hourMs + i * 60_000).toISOString(),
      user: `u${i}`,
      hashtags: [],
      source: 'x',
    };
    return { kind: 'post', record, post };
  });
}

describe('Comprehend key phrases stored with each post and used by the terms readers', function () {
  this.timeout(120_000);
  const server = new FakeComprehendServer();
  let factory: AwsClientFactory;
  let standIns: SinkStandIns;
  let source: PostsSource;
  const closers: (() => Promise<void>)[] = [];

  const comprehend = (): ComprehendAnalyzer =>
    new ComprehendAnalyzer({
      client: factory.comprehend(),
      callsPerSecond: 1_000,
      retryPolicy: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 2 },
      sleep: () => Promise.resolve(),
    });

  const store = async (analyzer: SentimentAnalyzer, shardId: string, texts: typeof TEXTS, hourMs: number) => {
    const sink = redshiftSink(standIns.postgresUrl);
    try {
      const batch = await assembleBatch({ shardId, decoded: decodedPosts(shardId, texts, hourMs), bytes: 0 }, analyzer);
      await sink.write(batch);
      await sink.write(batch); // a replay: the keyed load keeps one row per post, phrases included
    } finally {
      await sink.close();
    }
  };

  before(async () => {
    await server.start();
    factory = fakeComprehendClient(server).factory;
    standIns = await startSinkStandIns({ s3: false });
    // A table from before key_phrases existed: the sink's DDL must add the column (as JSONB) on start.
    const old = postTable(TABLE);
    const client = new Client({ connectionString: standIns.postgresUrl });
    await client.connect();
    try {
      await client.query(
        createTableSql(POSTGRESQL, { ...old, columns: old.columns.filter((c) => c.name !== POST_COLUMNS.keyPhrases) }),
      );
      for (const sql of dashboardRollupSql(POSTGRESQL, TABLE)) await client.query(sql);
    } finally {
      await client.end();
    }
    source = {
      url: standIns.postgresUrl,
      tls: { enabled: false, rejectUnauthorized: true },
      poolSize: 2,
      table: TABLE,
      statementTimeoutMs: 10_000,
      origin: 'test',
      engine: 'postgresql',
    };
    await store(comprehend(), 'shardId-000000000001', TEXTS, Date.UTC(2026, 11, 6, 9));
    // The same words through the local analyzer, an hour later: no phrases stored, terms from the text.
    const local = new LocalAnalyzer();
    closers.push(() => local.close());
    await store(local, 'shardId-000000000002', TEXTS.slice(0, 2), Date.UTC(2026, 11, 6, 10));
  });

  after(async () => {
    for (const close of closers) await close();
    factory?.destroy();
    await server.stop();
    await standIns?.stop();
  });

  it('adds key_phrases as JSONB to a table created before it, and stores the phrases once per post', async () => {
    const type = await query<{ data_type: string }>(
      standIns.postgresUrl,
      "SELECT data_type FROM information_schema.columns WHERE table_name = 'post_sentiment' AND column_name = 'key_phrases'",
    );
    expect(type).to.deep.equal([{ data_type: 'jsonb' }]);
    const rows = await query<{ text: string; key_phrases: string[] | null; sentiment_label: string }>(
      standIns.postgresUrl,
      `SELECT text, key_phrases, sentiment_label FROM ${TABLE} WHERE shard_id = 'shardId-000000000001' ORDER BY created_at`,
    );
    expect(rows.map((r) => r.key_phrases)).to.deep.equal([
      ['bad', 'the bus lane closure', 'again'],
      ['bad', 'The bus lane closure'],
      ['good', 'new bike share'],
      ['bad', 'el cierre del carril bus'],
      null, // its key phrases failed (ErrorList): stored without them, its sentiment kept
    ]);
    expect(rows[4]?.sentiment_label).to.equal('NEGATIVE');
    expect(server.phraseBatches.map((b) => [b.LanguageCode, b.TextList.length])).to.deep.equal([
      ['en', 4],
      ['es', 1],
    ]);
    const local = await query<{ key_phrases: unknown }>(
      standIns.postgresUrl,
      `SELECT key_phrases FROM ${TABLE} WHERE shard_id = 'shardId-000000000002'`,
    );
    expect(local.map((r) => r.key_phrases)).to.deep.equal([null, null]);
  });

  it("counts the stored phrases as the hour's terms, from the posts table and from the rollups alike", async () => {
    const selection = { fromMs: Date.UTC(2026, 11, 6, 9), toMs: Date.UTC(2026, 11, 6, 9) + HOUR };
    const plainRunner = new PgQueryRunner(source, new NullLogger());
    const rolledRunner = new PgQueryRunner(source, new NullLogger());
    closers.push(
      () => plainRunner.close(),
      () => rolledRunner.close(),
    );
    const refresher = new RollupRefresher(rolledRunner, TABLE, 'postgresql', new NullLogger(), () => NOW);
    await refresher.refresh();
    const plain = await new PgSelectionReader(plainRunner, source).termCounts(selection, 50);
    const rolled = await new PgSelectionReader(rolledRunner, source, refresher).termCounts(selection, 50);
    const byTerm = (counts: typeof plain.counts) =>
      Object.fromEntries([...counts].sort((a, b) => a.term.localeCompare(b.term)).map((c) => [c.term, c.posts]));
    const expected = {
      // Comprehend's phrases, spelt as terms: lower case, stop words trimmed at the edges ("the", "el"), one term for
      // two spellings of the same phrase:
      again: 1,
      bad: 4,
      'bus lane closure': 2,
      'cierre del carril bus': 1,
      good: 1,
      'new bike share': 1,
      // the post whose phrases failed falls back to its text's words and word pairs:
      'bad fail': 1,
      delays: 1,
      'delays everywhere': 1,
      everywhere: 1,
      fail: 1,
      'fail phrases': 1,
      metro: 1,
      'metro delays': 1,
      phrases: 1,
      'phrases metro': 1,
    };
    expect(byTerm(plain.counts)).to.deep.equal(expected);
    expect(byTerm(rolled.counts)).to.deep.equal(expected);
    expect(rolled.counts.find((c) => c.term === 'bus lane closure')).to.include({ negative: 2, scored: 2 });
  });

  it('reads the phrases back for the alert and the weekly report', async () => {
    const range = { fromMs: Date.UTC(2026, 11, 6, 9), toMs: Date.UTC(2026, 11, 6, 11) };
    const posts = new PgPostReader(source, new NullLogger());
    const week = new PgWeekDetailReader(source, new NullLogger());
    closers.push(
      () => posts.close(),
      () => week.close(),
    );
    const latest = await posts.latestPosts(range, 20, 'NEGATIVE');
    const ofShard = (shard: string) => latest.find((p) => p.text.startsWith('bad: the bus') && p.key.startsWith(shard));
    expect(ofShard('shardId-000000000001/')?.keyPhrases).to.deep.equal(['bad', 'the bus lane closure', 'again']);
    expect(ofShard('shardId-000000000002/')?.keyPhrases).to.equal(null);
    const terms = await week.termPosts(range, 100);
    expect(terms.filter((t) => t.keyPhrases !== null)).to.have.length(4);
    expect(terms.filter((t) => t.keyPhrases === null)).to.have.length(3);
    const strongest = await week.strongestPosts(range, 'POSITIVE', 5);
    expect(strongest.find((p) => p.text === 'good; new bike share')?.keyPhrases).to.deep.equal([
      'good',
      'new bike share',
    ]);
  });
});
