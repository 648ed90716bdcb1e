// Data API mode end to end: the real SDK against a fake of the Data API protocol that runs the SQL on real PostgreSQL.
import { RedshiftDataClient } from '@aws-sdk/client-redshift-data';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { expect } from 'chai';
import { NullLogger } from '../../../../../common/logger';
import { identityKey } from '../../../../../common/user-record';
import { DataApiExecutor } from '../../../../../consumer/sinks/redshift/data-api-executor';
import { RedshiftSink } from '../../../../../consumer/sinks/redshift/redshift-sink';
import { POSTGRESQL } from '../../../../../consumer/sinks/redshift/sql-dialect';
import { cutIntoBatches, makeShardStream, toSinkBatch } from '../../../../support/sink-batch-factory';
import { startSinkStandIns, type SinkStandIns } from '../../../../support/stand-ins-sinks';
import { FakeRedshiftDataApi } from './fake-redshift-data-api';
import { FAST_RETRY, tableIdentities } from '../sink-fixtures';

describe('RedshiftSink in Data API mode (fake Data API over PostgreSQL)', function () {
  this.timeout(120_000);
  let standIns: SinkStandIns;
  let api: FakeRedshiftDataApi;
  let client: RedshiftDataClient;

  before(async () => {
    standIns = await startSinkStandIns({ s3: false });
    api = new FakeRedshiftDataApi(standIns.postgresUrl);
    await api.start();
    client = new RedshiftDataClient({
      region: 'us-east-1',
      endpoint: api.endpoint,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      requestHandler: new NodeHttpHandler(),
      maxAttempts: 1,
    });
  });
  after(async () => {
    client?.destroy();
    await api?.stop();
    await standIns?.stop();
  });

  const sink = (maxStatementsPerBatch: number): RedshiftSink =>
    new RedshiftSink(
      new DataApiExecutor(client, {
        target: { database: 'dev', workgroupName: 'wg' },
        maxStatementsPerBatch,
        pollIntervalMs: 5,
        maxPollIntervalMs: 20,
        statementTimeoutMs: 30_000,
      }),
      {
        dialect: POSTGRESQL,
        postsTable: 'api_posts',
        vehiclesTable: 'api_vehicles',
        createTables: true,
        retryPolicy: FAST_RETRY,
        logger: new NullLogger(),
        limits: { maxRowsPerInsert: 500, maxStatementBytes: 100_000 },
      },
    );

  it('loads re-cut replays exactly once, each BatchExecuteStatement within the statement and size limits', async () => {
    const items = makeShardStream({ count: 400, perAggregate: 2, shardId: 'shardId-000000000003', textBytes: 600 });
    for (const batch of cutIntoBatches(items, [150])) await sink(8).write(batch);
    for (const batch of cutIntoBatches(items.slice(100), [90, 210])) await sink(8).write(batch);
    const posts = items
      .filter((item) => item.decoded.kind === 'post')
      .map((item) => identityKey(item.decoded.record))
      .sort();
    expect(await tableIdentities(standIns.postgresUrl, 'api_posts')).to.deep.equal(posts);
    expect(
      api.submissions.every((s) => s.sqls.length <= 8 && s.sqls.every((sql) => Buffer.byteLength(sql) <= 100_000)),
    ).to.equal(true);
    expect(api.submissions.every((s) => s.clientToken !== undefined && s.clientToken.length <= 64)).to.equal(true);
  });

  it('resubmits a batch that ended FAILED on a serialisation conflict under a new ClientToken', async () => {
    const before = api.submissions.length;
    api.failNext(
      'ERROR: 1023 DETAIL: Serializable isolation violation on table - 123456, transactions forming the cycle are: 1, 2',
    );
    const batch = toSinkBatch(makeShardStream({ count: 10, shardId: 'shardId-000000000004' }));
    await sink(40).write(batch);
    const mine = api.submissions.slice(before);
    expect(mine).to.have.length(2);
    expect(mine[0]?.clientToken).not.to.equal(mine[1]?.clientToken);
    expect(await tableIdentities(standIns.postgresUrl, 'api_posts')).to.include.members(
      batch.posts.map((p) => identityKey(p.record)),
    );
  });

  it('submits the same content under the same ClientToken, so a resubmission after a lost reply is not run twice', async () => {
    const batch = toSinkBatch(makeShardStream({ count: 10, shardId: 'shardId-000000000006' }));
    const first = sink(40);
    await first.write(batch);
    const before = api.submissions.length;
    await first.write(batch);
    expect(api.submissions.length).to.equal(before);
  });
});
