// `npm run query` on a known dataset in s3rver: the four tables with Athena's names, three formats, an incremental mirror.
import { expect } from 'chai';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { NullLogger } from '../../../common/logger';
import { REPO_ROOT } from '../../../common/repo-root';
import { runQueryCli } from '../../../analytics/query/query-cli';
import { CuratedSink } from '../../../consumer/sinks/curated/curated-sink';
import { S3ObjectStore } from '../../../consumer/sinks/s3/s3-object-store';
import { cutIntoBatches, makeShardStream } from '../../support/sink-batch-factory';
import { startSinkStandIns, type SinkStandIns } from '../../support/stand-ins-sinks';
import { archiveSink, FAST_RETRY } from '../consumer/sinks/sink-fixtures';

describe('npm run query against s3rver', function () {
  this.timeout(120_000);
  let standIns: SinkStandIns;
  let env: Record<string, string>;
  const saved = { id: process.env.AWS_ACCESS_KEY_ID, secret: process.env.AWS_SECRET_ACCESS_KEY };
  const items = makeShardStream({ shardId: 'shardId-000000000003', count: 250, seed: 4 });

  before(async () => {
    standIns = await startSinkStandIns({ postgres: false });
    process.env.AWS_ACCESS_KEY_ID = 'S3RVER';
    process.env.AWS_SECRET_ACCESS_KEY = 'S3RVER';
    env = {
      ARCHIVE_BUCKET: standIns.bucket,
      ARCHIVE_ERROR_PREFIX: 'errors/raw',
      ARCHIVE_STATE_PREFIX: 'state/raw',
      AWS_ENDPOINT_URL_S3: standIns.s3Endpoint,
      AWS_REGION: 'us-east-1',
    };
    const store = new S3ObjectStore(standIns.s3, {
      bucket: standIns.bucket,
      sse: { mode: 'none' },
      retryPolicy: FAST_RETRY,
      logger: new NullLogger(),
    });
    const curated = new CuratedSink(store, {
      prefix: 'curated',
      statePrefix: 'curated-state',
      logger: new NullLogger(),
    });
    const archive = archiveSink(standIns);
    for (const batch of cutIntoBatches(items, [60])) await Promise.all([archive.write(batch), curated.write(batch)]);
  });
  after(async () => {
    process.env.AWS_ACCESS_KEY_ID = saved.id;
    process.env.AWS_SECRET_ACCESS_KEY = saved.secret;
    await standIns?.stop();
  });

  async function query(...argv: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
    const out: string[] = [];
    const err: string[] = [];
    const mirrorDir = path.join(standIns.directory, 'mirror');
    const code = await runQueryCli([...argv, '--mirror-dir', mirrorDir], {
      env,
      print: (text) => out.push(text),
      printError: (text) => err.push(text),
      logger: new NullLogger(),
    });
    return { code, out, err };
  }

  it('counts posts by sentiment label as the dataset holds them (JSON)', async () => {
    const { code, out, err } = await query(
      'SELECT sentiment_label, count(*) AS n FROM posts GROUP BY 1 ORDER BY 1 NULLS LAST',
      '--format',
      'json',
    );
    expect(err).to.deep.equal([]);
    expect(code).to.equal(0);
    const expected = new Map<string | null, number>();
    for (const item of items)
      if (item.decoded.kind === 'post') {
        const label = item.sentiment?.ok === true ? item.sentiment.label : null;
        expected.set(label, (expected.get(label) ?? 0) + 1);
      }
    const rows = JSON.parse(out[0] ?? '[]') as { sentiment_label: string | null; n: number | string }[];
    expect(new Map(rows.map((row) => [row.sentiment_label, Number(row.n)]))).to.deep.equal(expected);
  });

  it('reads the raw archive, the dead letters and the vehicle readings with the warehouse-style column names', async () => {
    const { code, out } = await query(
      `SELECT (SELECT count(*) FROM raw_records) AS raw,
              (SELECT count(*) FROM dead_letters WHERE reason = 'invalid-json' AND reason_folder = reason) AS bad_json,
              (SELECT count(DISTINCT vin) FROM vehicle_readings WHERE dt = '2026-11-22' AND hour = '09') AS vins,
              (SELECT count(*) FROM raw_records WHERE hour = '2026/11/22/09' AND shard_id = 'shardId-000000000003') AS hour_rows,
              (SELECT count(*) FROM posts, unnest(hashtags) AS t(tag) WHERE tag = 'traffic') AS traffic`,
      '--format',
      'csv',
    );
    expect(code).to.equal(0);
    const vehicles = items.filter((item) => item.decoded.kind === 'vehicle');
    const traffic = items.filter(
      (item) => item.decoded.kind === 'post' && item.decoded.post.hashtags.includes('traffic'),
    );
    const badJson = items.filter((item) => item.decoded.kind === 'rejected' && item.decoded.reason === 'invalid-json');
    expect(out[0]?.split('\n')).to.deep.equal([
      'raw,bad_json,vins,hour_rows,traffic',
      `${items.length},${badJson.length},${vehicles.length},${items.length},${traffic.length}`,
    ]);
  });

  it('prints an aligned table, mirrors only what changed, and exits 1 with the reason on a bad query', async () => {
    const { code, out } = await query('SELECT count(*) AS posts FROM posts');
    expect(code).to.equal(0);
    expect(out[0]?.split('\n')).to.deep.equal([
      'posts',
      '-----',
      String(items.filter((i) => i.decoded.kind === 'post').length),
      '(1 row)',
    ]);
    const before = fs.statSync(path.join(standIns.directory, 'mirror', 'curated')).mtimeMs;
    const bad = await query('SELECT nothing FROM posts');
    expect(bad.code).to.equal(1);
    expect(bad.err.join('\n')).to.match(/query failed: .*nothing/);
    expect(fs.statSync(path.join(standIns.directory, 'mirror', 'curated')).mtimeMs).to.equal(before);
    expect((await query()).code).to.equal(2);
  });

  it('answers the three analyst queries of docs/analysts.md as printed', async () => {
    const doc = fs.readFileSync(path.join(REPO_ROOT, 'docs', 'analysts.md'), 'utf8');
    const blocks = new Map(
      [...doc.matchAll(/```sql\n-- analysts: ([^\n]+)\n([\s\S]*?)```/g)].map((m) => [m[1] ?? '', m[2] ?? '']),
    );
    expect([...blocks.keys()]).to.deep.equal([
      'negative share by day',
      'top hashtags of negative posts',
      "a vehicle's speed over a day",
    ]);
    const answer = async (name: string): Promise<Record<string, unknown>[]> => {
      const { code, out, err } = await query(blocks.get(name) ?? '', '--format', 'json');
      expect(code, err.join('\n')).to.equal(0);
      return JSON.parse(out[0] ?? '[]') as Record<string, unknown>[];
    };
    const posts = items.filter((item) => item.decoded.kind === 'post' && item.sentiment?.ok === true);
    const negative = posts.filter((item) => item.sentiment?.ok === true && item.sentiment.label === 'NEGATIVE');
    const share = await answer('negative share by day');
    expect(share).to.have.length(1);
    expect(share[0]).to.include({
      dt: '2026-11-22',
      negative_pct: Math.round((1000 * negative.length) / posts.length) / 10,
    });
    expect(Number(share[0]?.scored_posts)).to.equal(posts.length);
    const tags = await answer('top hashtags of negative posts');
    const traffic = negative.filter(
      (item) => item.decoded.kind === 'post' && item.decoded.post.hashtags.includes('traffic'),
    );
    expect(tags.find((row) => row.hashtag === 'traffic')?.negative_posts).to.satisfy(
      (n: unknown) => Number(n) === traffic.length,
    );
    const speed = await answer("a vehicle's speed over a day");
    expect(speed).to.have.length(1);
    expect(speed[0]).to.include({ hour: '09' });
    expect(Number(speed[0]?.readings)).to.equal(1);
  });
});
