// npm run x-compliance end to end: a fake X compliance server on 127.0.0.1 names deleted posts; forget removes them from every store.
import { expect } from 'chai';
import { gunzipSync } from 'node:zlib';
import { runXComplianceCli } from '../../../analytics/erasure/x-compliance-cli';
import { NullLogger } from '../../../common/logger';
import { CURATED_POSTS } from '../../../consumer/sinks/curated/curated-tables';
import { parquetRows } from '../../../consumer/sinks/curated/parquet-file';
import { FakeXComplianceServer } from '../../fakes/fake-x-compliance-server';
import { itemOf, postJson } from '../../support/forget-fixture';
import { cutIntoBatches, type StreamItem } from '../../support/sink-batch-factory';
import { getObject, listKeys } from '../../support/stand-ins-archive';
import { startSinkStandIns, type SinkStandIns } from '../../support/stand-ins-sinks';
import { analyticsEnv, archiveSink, curatedSink, query, redshiftSink } from '../consumer/sinks/sink-fixtures';

const TOKEN = 'AAAAAAAAAAAAAAAAAAAAAFake%2Bcompliance%3DToken';
const ids = Array.from({ length: 30 }, (_, i) => `18600000000000000${String(i).padStart(2, '0')}`);
/** An X post the consumer refused (a created_at that is not a date): only in the raw archive and the dead letters. */
const REFUSED = '1860000000000000099';
const DELETED = new Set([ids[3], ids[17], ids[29], REFUSED]);

describe('npm run x-compliance against a fake X, s3rver and PostgreSQL', function () {
  this.timeout(180_000);
  let standIns: SinkStandIns;
  let fake: FakeXComplianceServer;
  let env: Record<string, string>;
  const saved = { id: process.env.AWS_ACCESS_KEY_ID, secret: process.env.AWS_SECRET_ACCESS_KEY };

  before(async () => {
    standIns = await startSinkStandIns();
    process.env.AWS_ACCESS_KEY_ID = 'S3RVER';
    process.env.AWS_SECRET_ACCESS_KEY = 'S3RVER';
    fake = new FakeXComplianceServer(TOKEN, DELETED, new Set([ids[5]]));
    await fake.start();
    const start = Date.UTC(2026, 10, 22, 10);
    const items: StreamItem[] = ids.map((id, i) =>
      itemOf(
        {
          shardId: 'shardId-000000000000',
          sequenceNumber: (
            49_590_338_271_490_256_608_559_692_538_361_571_095_921_575_989_136_588_898n + BigInt(i)
          ).toString(),
          subSequenceNumber: 0,
          approximateArrivalTimestamp: start + i * 1_000,
        },
        `user${i % 4}`,
        postJson(
          { id, user: `user${i % 4}`, text: `post ${i}`, source: i === 29 ? 'instagram' : 'x' },
          new Date(start).toISOString(),
        ),
      ),
    );
    items.push(
      itemOf(
        {
          shardId: 'shardId-000000000000',
          sequenceNumber: (
            49_590_338_271_490_256_608_559_692_538_361_571_095_921_575_989_136_588_898n + 100n
          ).toString(),
          subSequenceNumber: 0,
          approximateArrivalTimestamp: start + 100_000,
        },
        'user9',
        postJson(
          { id: REFUSED, user: 'user9', text: 'refused', source: 'x', badDate: true },
          new Date(start).toISOString(),
        ),
      ),
    );
    const sinks = [archiveSink(standIns), curatedSink(standIns), redshiftSink(standIns.postgresUrl)];
    for (const batch of cutIntoBatches(items, [8])) await Promise.all(sinks.map((sink) => sink.write(batch)));
    await Promise.all(sinks.map((sink) => sink.close()));
    env = {
      ...analyticsEnv(standIns),
      X_API_BASE_URL: fake.endpoint,
      X_BEARER_TOKEN: TOKEN,
    };
  });
  after(async () => {
    process.env.AWS_ACCESS_KEY_ID = saved.id;
    process.env.AWS_SECRET_ACCESS_KEY = saved.secret;
    await fake?.stop();
    await standIns?.stop();
  });

  async function run(...argv: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runXComplianceCli(argv, {
      env,
      print: (text) => out.push(text),
      printError: (text) => err.push(text),
      logger: new NullLogger(),
      sleep: () => Promise.resolve(),
    });
    return { code, out, err };
  }

  /** The post ids found in every store: warehouse rows, curated rows, raw archive lines, dead letters. */
  async function storedIds(): Promise<{
    warehouse: string[];
    curated: string[];
    raw: string[];
    deadLetters: string[];
  }> {
    const warehouse = (
      await query<{ post_id: string }>(standIns.postgresUrl, 'SELECT post_id FROM post_sentiment')
    ).map((row) => row.post_id);
    const curated: string[] = [];
    for (const key of await listKeys(standIns.s3, standIns.bucket, 'curated/posts/'))
      for (const row of await parquetRows(CURATED_POSTS, await getObject(standIns.s3, standIns.bucket, key), key))
        curated.push(String(row[3]));
    const raw: string[] = [];
    for (const key of await listKeys(standIns.s3, standIns.bucket, 'raw/'))
      for (const line of gunzipSync(await getObject(standIns.s3, standIns.bucket, key))
        .toString('utf8')
        .split('\n'))
        if (line !== '') raw.push((JSON.parse((JSON.parse(line) as { data: string }).data) as { id: string }).id);
    const deadLetters: string[] = [];
    for (const key of await listKeys(standIns.s3, standIns.bucket, 'errors/'))
      for (const line of (await getObject(standIns.s3, standIns.bucket, key)).toString('utf8').split('\n'))
        if (line !== '')
          deadLetters.push(
            (
              JSON.parse(Buffer.from((JSON.parse(line) as { data: string }).data, 'base64').toString()) as {
                id: string;
              }
            ).id,
          );
    return { warehouse: warehouse.sort(), curated: curated.sort(), raw: raw.sort(), deadLetters };
  }

  it('checks only the warehouse with --ids-from warehouse (a dry run changes nothing)', async () => {
    const { code, out } = await run('--ids-from', 'warehouse', '--dry-run', '--json');
    expect(code).to.equal(0);
    expect(JSON.parse(out[0] ?? '{}')).to.include({ postsChecked: 29, postsDeletedOnX: 2 });
    expect((await storedIds()).deadLetters).to.deep.equal([REFUSED]);
  });

  it('uploads every stored X post, forgets those X says to delete (only action "delete", only source x), and never sends the token to storage', async () => {
    const { code, out, err } = await run('--ids-per-job', '20', '--json');
    expect(code, err.join('\n')).to.equal(0);
    const summary = JSON.parse(out[0] ?? '{}') as { jobs: string[]; postsChecked: number; postsDeletedOnX: number };
    expect(summary.postsChecked, 'the 29 X posts in the warehouse and the refused one').to.equal(30);
    expect(summary.jobs).to.have.length(2);
    expect(
      fake.jobs
        .slice(1)
        .flatMap((job) => job.uploaded)
        .sort(),
    ).to.deep.equal([...ids.slice(0, 29), REFUSED].sort());
    expect(summary.postsDeletedOnX).to.equal(3);
    expect(fake.storageAuthorizations.every((header) => header === '')).to.equal(true);
    const expected = ids.filter((id) => id !== ids[3] && id !== ids[17]).sort();
    expect(await storedIds()).to.deep.equal({ warehouse: expected, curated: expected, raw: expected, deadLetters: [] });
    expect(out.join('\n')).to.not.include(ids[3]);
  });

  it('finds nothing more on the next run', async () => {
    const { code, out } = await run('--json');
    expect(code).to.equal(0);
    expect(JSON.parse(out[0] ?? '{}')).to.include({ postsChecked: 27, postsDeletedOnX: 0, removed: 0 });
  });

  it('exits 2 without a bearer token and 1 when X refuses it', async () => {
    const withoutToken = { ...env, X_BEARER_TOKEN: '' };
    const missing = await runXComplianceCli([], {
      env: withoutToken,
      print: () => undefined,
      printError: () => undefined,
      logger: new NullLogger(),
    });
    expect(missing).to.equal(2);
    const saved = env;
    env = { ...env, X_BEARER_TOKEN: 'wrong' };
    const refused = await run();
    env = saved;
    expect(refused.code).to.equal(1);
    expect(refused.err.join('\n')).to.include('HTTP 401').and.not.include('wrong');
  });
});
