// The Redshift sink's SQL against real PostgreSQL: idempotent DDL, keyed reloads, the Data API's literal SQL, failure.
import { expect } from 'chai';
import { NullLogger } from '../../../common/logger';
import { identityKey } from '../../../common/user-record';
import type { SqlStatement } from '../../../consumer/sinks/redshift/load-plan';
import { PgExecutor } from '../../../consumer/sinks/redshift/pg-executor';
import { RedshiftSink } from '../../../consumer/sinks/redshift/redshift-sink';
import { POSTGRESQL } from '../../../consumer/sinks/redshift/sql-dialect';
import type { SqlExecutor } from '../../../consumer/sinks/redshift/sql-executor';
import { freePort } from '../../../local/service-process';
import { cutIntoBatches, makeShardStream, toSinkBatch } from '../../support/sink-batch-factory';
import { startSinkStandIns, type SinkStandIns } from '../../support/stand-ins-sinks';
import { FAST_RETRY, query, redshiftSink, tableIdentities } from './sink-fixtures';

/** Runs what the Data API executor would submit (hex literals, a small statement cap per transaction) over pg, to prove that SQL on a real engine. */
class LiteralSqlExecutor implements SqlExecutor {
  public readonly name = 'literal-sql-over-pg';
  public readonly valueStyle = 'literals' as const;
  public transactions = 0;
  public constructor(private readonly inner: PgExecutor, public readonly maxStatementsPerTransaction: number) {}
  public transaction(statements: readonly SqlStatement[]): Promise<void> {
    expect(statements.every((statement) => statement.values.length === 0)).to.equal(true);
    this.transactions += 1;
    return this.inner.transaction(statements);
  }
  public close(): Promise<void> { return this.inner.close(); }
}

describe('RedshiftSink against PostgreSQL', function () {
  this.timeout(120_000);
  let standIns: SinkStandIns;
  const pg = (): PgExecutor => new PgExecutor({ connectionString: standIns.postgresUrl, tls: { enabled: false }, poolSize: 2, connectTimeoutMs: 2_000, statementTimeoutMs: 30_000, logger: new NullLogger() });

  before(async () => { standIns = await startSinkStandIns({ s3: false }); });
  after(async () => { await standIns?.stop(); });

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
    const sink = new RedshiftSink(executor, { dialect: POSTGRESQL, postsTable: 'lit_posts', vehiclesTable: 'lit_vehicles', createTables: true, retryPolicy: FAST_RETRY, logger: new NullLogger(), limits: { maxRowsPerInsert: 500, maxStatementBytes: 20_000 } });
    for (const batch of cutIntoBatches(items, [120])) await sink.write(batch);
    for (const batch of cutIntoBatches(items.slice(60), [77])) await sink.write(batch);
    await sink.close();
    expect(executor.transactions).to.be.greaterThan(6);
    const posts = items.filter((item) => item.decoded.kind === 'post');
    expect(await tableIdentities(standIns.postgresUrl, 'lit_posts')).to.deep.equal(posts.map((item) => identityKey(item.decoded.record)).sort());
    const texts = await query<{ text: string }>(standIns.postgresUrl, 'SELECT text FROM lit_posts ORDER BY sequence_number, sub_sequence_number');
    expect(texts.map((row) => row.text)).to.deep.equal(posts.map((item) => (item.decoded.kind === 'post' ? item.decoded.post.text : '')));
  });

  it('rejects the write when the database is unreachable, so the checkpoint stays back', async () => {
    const port = await freePort();
    const sink = redshiftSink(`postgres://postgres:x@127.0.0.1:${port}/sinks`);
    const error = await sink.write(toSinkBatch(makeShardStream({ count: 5 }))).then(() => undefined, (e: unknown) => e);
    await sink.close();
    expect(error).to.have.property('code', 'SINK_WRITE_FAILED');
    expect(error).to.have.property('retryable', true);
    expect(String((error as Error).message)).not.to.include(':x@');
  });
});
