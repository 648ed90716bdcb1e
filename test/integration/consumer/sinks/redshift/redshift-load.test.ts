// The Redshift sink's SQL against real PostgreSQL: idempotent DDL, keyed reloads, the Data API's literal SQL, failure.
import { expect } from 'chai';
import { NullLogger } from '../../../../../common/logger';
import { identityKey } from '../../../../../common/user-record';
import { PgExecutor } from '../../../../../consumer/sinks/redshift/pg-executor';
import { RedshiftSink } from '../../../../../consumer/sinks/redshift/redshift-sink';
import { POSTGRESQL } from '../../../../../consumer/sinks/redshift/sql-dialect';
import { LiteralSqlOverPg as LiteralSqlExecutor } from './literal-sql-over-pg';
import { freePort } from '../../../../../common/process/service-process';
import type { SinkBatch } from '../../../../../consumer/sinks/sink';
import { cutIntoBatches, makeShardStream, toSinkBatch, type StreamItem } from '../../../../support/sink-batch-factory';
import { startSinkStandIns, type SinkStandIns } from '../../../../support/stand-ins-sinks';
import { FAST_RETRY, query, redshiftSink, tableIdentities } from '../sink-fixtures';

describe('RedshiftSink against PostgreSQL', function () {
  this.timeout(120_000);
  let standIns: SinkStandIns;
  const pg = (): PgExecutor =>
    new PgExecutor({
      connectionString: standIns.postgresUrl,
      tls: { enabled: false },
      poolSize: 2,
      connectTimeoutMs: 2_000,
      statementTimeoutMs: 30_000,
      logger: new NullLogger(),
    });

  before(async () => {
    standIns = await startSinkStandIns({ s3: false });
  });
  after(async () => {
    await standIns?.stop();
  });

  it('creates the tables when missing and leaves them alone the second time', async () => {
    const tables = { posts: 'ddl_posts', vehicles: 'ddl_vehicles' };
    const batch = toSinkBatch(makeShardStream({ count: 20 }));
    const first = redshiftSink(standIns.postgresUrl, tables);
    await first.write(batch);
    await first.close();
    const second = redshiftSink(standIns.postgresUrl, tables);
    await second.ensureTables();
    await second.close();
    expect(await tableIdentities(standIns.postgresUrl, 'ddl_posts')).to.have.length(batch.posts.length);
  });

  it('loads the Data API literal SQL on a real engine, split over transactions, each key once and text intact', async () => {
    const items = makeShardStream({ count: 300, perAggregate: 3, shardId: 'shardId-000000000005' });
    const executor = new LiteralSqlExecutor(pg(), 6);
    const sink = new RedshiftSink(executor, {
      dialect: POSTGRESQL,
      postsTable: 'lit_posts',
      vehiclesTable: 'lit_vehicles',
      createTables: true,
      retryPolicy: FAST_RETRY,
      logger: new NullLogger(),
      limits: { maxRowsPerInsert: 500, maxStatementBytes: 20_000 },
    });
    for (const batch of cutIntoBatches(items, [120])) await sink.write(batch);
    for (const batch of cutIntoBatches(items.slice(60), [77])) await sink.write(batch);
    await sink.close();
    expect(executor.transactions).to.be.greaterThan(6);
    const posts = items.filter((item) => item.decoded.kind === 'post');
    expect(await tableIdentities(standIns.postgresUrl, 'lit_posts')).to.deep.equal(
      posts.map((item) => identityKey(item.decoded.record)).sort(),
    );
    const texts = await query<{ text: string }>(
      standIns.postgresUrl,
      'SELECT text FROM lit_posts ORDER BY sequence_number, sub_sequence_number',
    );
    expect(texts.map((row) => row.text)).to.deep.equal(
      posts.map((item) => (item.decoded.kind === 'post' ? item.decoded.post.text : '')),
    );
  });

  it('stores a collected post once however many records carry it (source + post id), and keys posts without a source by record only', async () => {
    const tables = { posts: 'biz_posts', vehicles: 'biz_vehicles' };
    const withSource = (items: StreamItem[], source: string | undefined, id: (i: number) => string): SinkBatch => {
      const batch = toSinkBatch(items);
      return {
        ...batch,
        posts: batch.posts.map((scored, i) => ({
          ...scored,
          post: { ...scored.post, id: id(i), ...(source === undefined ? {} : { source }) },
        })),
      };
    };
    // Shard 0: six posts, ids 1 2 3 1 2 3 (a collector restart resent them in the same batch).
    const first = withSource(makeShardStream({ count: 6, poisonEvery: 0, shardId: 'shardId-000000000000' }), 'x', (i) =>
      String(1 + (i % 3)),
    );
    // Shard 1, later: id 3 again plus id 4; then a replay of shard 0's batch.
    const second = withSource(
      makeShardStream({
        count: 2,
        poisonEvery: 0,
        shardId: 'shardId-000000000001',
        startMs: Date.UTC(2026, 10, 22, 10, 0, 0),
      }),
      'x',
      (i) => String(3 + i),
    );
    // Same ids from Instagram are other posts; posts without a source keep one row per record.
    const instagram = withSource(
      makeShardStream({ count: 2, poisonEvery: 0, shardId: 'shardId-000000000002' }),
      'instagram',
      () => '1',
    );
    const legacy = withSource(
      makeShardStream({ count: 2, poisonEvery: 0, shardId: 'shardId-000000000003' }),
      undefined,
      () => '1',
    );
    const sink = redshiftSink(standIns.postgresUrl, tables);
    for (const batch of [first, second, first, instagram, legacy]) await sink.write(batch);
    await sink.close();
    const rows = await query<{ source: string | null; post_id: string; n: string }>(
      standIns.postgresUrl,
      'SELECT source, post_id, COUNT(*) AS n FROM biz_posts GROUP BY source, post_id ORDER BY source, post_id',
    );
    expect(rows.map((row) => [row.source, row.post_id, Number(row.n)])).to.deep.equal([
      ['instagram', '1', 1],
      ['x', '1', 1],
      ['x', '2', 1],
      ['x', '3', 1],
      ['x', '4', 1],
      [null, '1', 2],
    ]);
  });

  it('adds the source column to a posts table an earlier release created', async () => {
    await query(
      standIns.postgresUrl,
      'CREATE TABLE old_posts (shard_id VARCHAR(128) NOT NULL, sequence_number VARCHAR(128) NOT NULL, sub_sequence_number INTEGER NOT NULL, post_id VARCHAR(64), user_name VARCHAR(256), created_at TIMESTAMP, arrival_time TIMESTAMP NOT NULL, lang VARCHAR(16), text VARCHAR(4096), text_truncated BOOLEAN NOT NULL, hashtags JSONB, sentiment_label VARCHAR(8), score_positive DOUBLE PRECISION, score_negative DOUBLE PRECISION, score_neutral DOUBLE PRECISION, score_mixed DOUBLE PRECISION, sentiment_failure VARCHAR(256), loaded_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP)',
    );
    const sink = redshiftSink(standIns.postgresUrl, { posts: 'old_posts', vehicles: 'old_vehicles' });
    await sink.write(toSinkBatch(makeShardStream({ count: 10 })));
    await sink.close();
    const columns = await query<{ column_name: string }>(
      standIns.postgresUrl,
      "SELECT column_name FROM information_schema.columns WHERE table_name = 'old_posts' AND column_name = 'source'",
    );
    expect(columns).to.have.length(1);
  });

  it('rejects the write when the database is unreachable, so the checkpoint stays back', async () => {
    const port = await freePort();
    const sink = redshiftSink(`postgres://postgres:x@127.0.0.1:${port}/sinks`);
    const error = await sink.write(toSinkBatch(makeShardStream({ count: 5 }))).then(
      () => undefined,
      (e: unknown) => e,
    );
    await sink.close();
    expect(error).to.have.property('code', 'SINK_WRITE_FAILED');
    expect(error).to.have.property('retryable', true);
    expect(String((error as Error).message)).not.to.include(':x@');
  });
});
