// Post ids are keys, never cut: two Bluesky AT-URIs sharing their first 64 bytes stay two rows, in both SQL forms, and an older table is widened.
import { expect } from 'chai';
import { NullLogger } from '../../../../../common/logger';
import { LiteralSqlOverPg } from './literal-sql-over-pg';
import { PgExecutor } from '../../../../../consumer/sinks/redshift/pg-executor';
import { RedshiftSink } from '../../../../../consumer/sinks/redshift/redshift-sink';
import { POSTGRESQL } from '../../../../../consumer/sinks/redshift/sql-dialect';
import type { SinkBatch } from '../../../../../consumer/sinks/sink';
import { makeShardStream, toSinkBatch } from '../../../../support/sink-batch-factory';
import { startSinkStandIns, type SinkStandIns } from '../../../../support/stand-ins-sinks';
import { FAST_RETRY, query, redshiftSink } from '../sink-fixtures';

/** Two AT-URIs of one author: 70 bytes each, the first 64 equal (the record keys differ in their last characters). */
const AT_URIS = [
  'at://did:plc:ewvi7nxzyoun6zhxrhs64oiz/app.bsky.feed.post/3kqzlmwuxa22a',
  'at://did:plc:ewvi7nxzyoun6zhxrhs64oiz/app.bsky.feed.post/3kqzlmwuxa77b',
];

function blueskyBatch(shardId: string): SinkBatch {
  const batch = toSinkBatch(makeShardStream({ shardId, count: 2, poisonEvery: 0, seed: 64 }));
  return {
    ...batch,
    posts: batch.posts.map((scored, i) => ({ ...scored, post: { ...scored.post, id: AT_URIS[i], source: 'bluesky' } })),
  };
}

describe('long post ids against PostgreSQL', function () {
  this.timeout(120_000);
  let standIns: SinkStandIns;

  before(async () => {
    standIns = await startSinkStandIns({ s3: false });
  });
  after(async () => {
    await standIns?.stop();
  });

  it('the two ids really share their first 64 bytes', () => {
    expect(Buffer.byteLength(AT_URIS[0])).to.be.greaterThan(64);
    expect(AT_URIS[0].slice(0, 64)).to.equal(AT_URIS[1].slice(0, 64));
    expect(AT_URIS[0]).to.not.equal(AT_URIS[1]);
  });

  it('keeps two posts whose ids share 64 bytes as two rows with their whole ids (bound parameters, pg)', async () => {
    const sink = redshiftSink(standIns.postgresUrl, { posts: 'bsky_posts', vehicles: 'bsky_vehicles' });
    await sink.write(blueskyBatch('shardId-000000000001'));
    await sink.write(blueskyBatch('shardId-000000000001')); // a replay
    await sink.close();
    const rows = await query<{ post_id: string }>(standIns.postgresUrl, 'SELECT post_id FROM bsky_posts ORDER BY 1');
    expect(rows.map((row) => row.post_id)).to.deep.equal(AT_URIS);
  });

  it('does the same with the Data API form (hex literals in the statement text)', async () => {
    const executor = new LiteralSqlOverPg(
      new PgExecutor({
        connectionString: standIns.postgresUrl,
        tls: { enabled: false },
        poolSize: 1,
        connectTimeoutMs: 2_000,
        statementTimeoutMs: 30_000,
        logger: new NullLogger(),
      }),
      40,
    );
    const sink = new RedshiftSink(executor, {
      dialect: POSTGRESQL,
      postsTable: 'bsky_literal_posts',
      vehiclesTable: 'bsky_literal_vehicles',
      createTables: true,
      retryPolicy: FAST_RETRY,
      logger: new NullLogger(),
    });
    await sink.write(blueskyBatch('shardId-000000000002'));
    await sink.close();
    const rows = await query<{ post_id: string }>(
      standIns.postgresUrl,
      'SELECT post_id FROM bsky_literal_posts ORDER BY 1',
    );
    expect(rows.map((row) => row.post_id)).to.deep.equal(AT_URIS);
  });

  it('widens post_id of a table an earlier release created with VARCHAR(64), keeping its rows, then loads long ids whole', async () => {
    await query(
      standIns.postgresUrl,
      'CREATE TABLE narrow_posts (shard_id VARCHAR(128) NOT NULL, sequence_number VARCHAR(128) NOT NULL, sub_sequence_number INTEGER NOT NULL, post_id VARCHAR(64), user_name VARCHAR(256), created_at TIMESTAMP, arrival_time TIMESTAMP NOT NULL, lang VARCHAR(16), text VARCHAR(4096), text_truncated BOOLEAN NOT NULL, hashtags JSONB, sentiment_label VARCHAR(8), score_positive DOUBLE PRECISION, score_negative DOUBLE PRECISION, score_neutral DOUBLE PRECISION, score_mixed DOUBLE PRECISION, sentiment_failure VARCHAR(256), source VARCHAR(16), loaded_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP)',
    );
    await query(
      standIns.postgresUrl,
      "INSERT INTO narrow_posts (shard_id, sequence_number, sub_sequence_number, post_id, arrival_time, text_truncated, source) VALUES ('old', '1', 0, '42', now(), false, 'x')",
    );
    const sink = redshiftSink(standIns.postgresUrl, { posts: 'narrow_posts', vehicles: 'narrow_vehicles' });
    await sink.write(blueskyBatch('shardId-000000000003'));
    await sink.close();
    const width = await query<{ n: number }>(
      standIns.postgresUrl,
      "SELECT character_maximum_length AS n FROM information_schema.columns WHERE table_name = 'narrow_posts' AND column_name = 'post_id'",
    );
    expect(width[0].n).to.equal(1024);
    const rows = await query<{ post_id: string }>(standIns.postgresUrl, 'SELECT post_id FROM narrow_posts ORDER BY 1');
    expect(rows.map((row) => row.post_id)).to.deep.equal(['42', ...AT_URIS]);
  });
});
