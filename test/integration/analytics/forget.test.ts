// npm run forget against s3rver and PostgreSQL: a person and a post leave no trace in any store, every other record stays byte for byte.
import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { runForgetCli } from '../../../analytics/erasure/forget-cli';
import { runReplayCli } from '../../../analytics/replay/replay-cli';
import { ConfigReader } from '../../../common/config/config-reader';
import { decodeAggregate } from '../../../common/kpl/aggregate-codec';
import { NullLogger } from '../../../common/logger';
import { CURATED_POSTS, CURATED_VEHICLES } from '../../../consumer/sinks/curated/curated-tables';
import { parquetRows } from '../../../consumer/sinks/curated/parquet-file';
import { S3ObjectStore } from '../../../consumer/sinks/s3/s3-object-store';
import { parsePayload } from '../../../consumer/decode/payload-parser';
import { PgQueryRunner } from '../../../reporting/posts/pg-query-runner';
import { readPostsSource } from '../../../reporting/posts/posts-source';
import { RedriveLedger, type LetterOutcome } from '../../../analytics/redrive/redrive-ledger';
import { RollupRefresher } from '../../../reporting/posts/rollup-refresher';
import { corruptAggregateItem, itemOf, postJson, type FixturePost } from '../../support/forget-fixture';
import { cutIntoBatches, makeShardStream, type StreamItem } from '../../support/sink-batch-factory';
import { getObject, listKeys } from '../../support/stand-ins-archive';
import { startSinkStandIns, type SinkStandIns } from '../../support/stand-ins-sinks';
import {
  analyticsEnv,
  archiveSink,
  curatedSink,
  FAST_RETRY,
  query,
  redshiftSink,
} from '../consumer/sinks/sink-fixtures';

const PERSON = 'vecina_olvidada';
const POST_ID = '1900000000000000005';
const SHARD = 'shardId-000000000002';
const CREATED = '2026-11-22T10:00:00.000Z';
const START_MS = Date.UTC(2026, 10, 22, 10, 0, 0);
const BASE = 49_590_338_271_490_256_608_559_692_538_361_571_095_921_575_989_136_588_898n;

/** Shard 2: posts of several people from X, the person among them (plain, refused, inside a corrupt aggregate, last batch alone). */
function personStream(): StreamItem[] {
  const items: StreamItem[] = [];
  for (let i = 0; i < 37; i += 1) {
    const base = {
      shardId: SHARD,
      sequenceNumber: (BASE + BigInt(i) * 1_000n).toString(),
      subSequenceNumber: 0,
      approximateArrivalTimestamp: START_MS + i * 1_000,
    };
    const keeper: FixturePost = {
      id: `19000000000000001${i}`,
      user: `keeper${i % 5}`,
      text: `keep this ${i}`,
      source: 'x',
    };
    let post: FixturePost = keeper;
    if (i === 5) post = { ...keeper, id: POST_ID, text: 'a post to forget by id' };
    if (i === 10 || i === 20 || i >= 35) post = { ...keeper, user: PERSON, text: `mine ${i} #ZBE` };
    if (i === 12) post = { ...keeper, user: PERSON, text: 'refused post', badDate: true };
    if (i === 25) post = { ...keeper, user: PERSON, text: 'same name on another source', source: 'instagram' };
    if (i === 15) {
      items.push(
        corruptAggregateItem(base, [{ ...keeper, user: PERSON, text: 'inside an aggregate' }, keeper], CREATED),
      );
      continue;
    }
    items.push(itemOf(base, post.user, postJson(post, new Date(START_MS + i * 1_000 - 500).toISOString())));
  }
  return items;
}

/** Whether a record's bytes are a post of the person (or the post id) on X: read independently of the code under test. */
function isTargetPayload(data: Buffer, byId: boolean): boolean {
  try {
    const json = JSON.parse(data.toString('utf8')) as { source?: string; user?: string; id?: string };
    return json.source === 'x' && (byId ? json.id === POST_ID : json.user === PERSON);
  } catch {
    return false;
  }
}

type Snapshot = Map<string, string[]>;

describe('npm run forget against s3rver and PostgreSQL', function () {
  this.timeout(240_000);
  let standIns: SinkStandIns;
  let env: Record<string, string>;
  let runner: PgQueryRunner;
  let batches: ReturnType<typeof cutIntoBatches>;
  const saved = { id: process.env.AWS_ACCESS_KEY_ID, secret: process.env.AWS_SECRET_ACCESS_KEY };

  const store = (): S3ObjectStore =>
    new S3ObjectStore(standIns.s3, {
      bucket: standIns.bucket,
      sse: { mode: 'none' },
      retryPolicy: FAST_RETRY,
      logger: new NullLogger(),
    });
  const objectSinks = () => [archiveSink(standIns), curatedSink(standIns)];

  before(async () => {
    standIns = await startSinkStandIns();
    process.env.AWS_ACCESS_KEY_ID = 'S3RVER';
    process.env.AWS_SECRET_ACCESS_KEY = 'S3RVER';
    // Decoded from their bytes as the consumer does (the factory's posts carry fields their JSON lacks), so a replay matches.
    const others = makeShardStream({ shardId: 'shardId-000000000001', count: 120, perAggregate: 3, seed: 5 }).map(
      (item): StreamItem =>
        item.decoded.kind === 'post' ? { ...item, decoded: parsePayload(item.decoded.record) } : item,
    );
    batches = [...cutIntoBatches(others, [40]), ...cutIntoBatches(personStream(), [7, 7, 7, 7, 7, 2])];
    const sinks = [...objectSinks(), redshiftSink(standIns.postgresUrl)];
    for (const batch of batches) await Promise.all(sinks.map((sink) => sink.write(batch)));
    await Promise.all(sinks.map((sink) => sink.close()));
    env = analyticsEnv(standIns);
    const source = readPostsSource(new ConfigReader('test', [env]));
    runner = new PgQueryRunner(source, new NullLogger());
    await new RollupRefresher(runner, 'post_sentiment', 'postgresql', new NullLogger()).refresh();
  });
  after(async () => {
    process.env.AWS_ACCESS_KEY_ID = saved.id;
    process.env.AWS_SECRET_ACCESS_KEY = saved.secret;
    await runner?.close();
    await standIns?.stop();
  });

  async function cli(
    run: typeof runForgetCli,
    ...argv: string[]
  ): Promise<{ code: number; out: string[]; err: string[] }> {
    const out: string[] = [];
    const err: string[] = [];
    const code = await run(argv, {
      env,
      print: (text) => out.push(text),
      printError: (text) => err.push(text),
      logger: new NullLogger(),
    });
    return { code, out, err };
  }

  /** Every object's content as lines: decompressed NDJSON lines, Parquet rows as JSON, state objects as text. */
  async function snapshot(): Promise<Snapshot> {
    const result: Snapshot = new Map();
    for (const key of await listKeys(standIns.s3, standIns.bucket, '')) {
      const bytes = await getObject(standIns.s3, standIns.bucket, key);
      if (key.endsWith('.parquet')) {
        const table = key.includes('/posts/') ? CURATED_POSTS : CURATED_VEHICLES;
        result.set(
          key,
          (await parquetRows(table, bytes, key)).map((row) => JSON.stringify(row)),
        );
      } else {
        const text = (key.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
        result.set(key, text === '' ? [] : text.replace(/\n$/, '').split('\n'));
      }
    }
    return result;
  }
  const warehouse = async (): Promise<unknown[]> =>
    (
      await query<Record<string, unknown>>(
        standIns.postgresUrl,
        'SELECT * FROM post_sentiment ORDER BY shard_id, sequence_number, sub_sequence_number',
      )
    ).map(({ loaded_at: _, ...rest }) => rest);
  const rollups = async (): Promise<unknown[]> => [
    ...(await query(standIns.postgresUrl, 'SELECT * FROM post_sentiment_hourly ORDER BY 1, 2, 3, 4')),
    ...(await query(standIns.postgresUrl, 'SELECT * FROM post_sentiment_terms_hourly ORDER BY 1, 2, 3, 4, 5')),
    ...(await query(standIns.postgresUrl, 'SELECT * FROM post_sentiment_terms_daily ORDER BY 1, 2, 3, 4, 5')),
  ];

  /** Whether a stored line or row still holds the target, in any encoding (text, base64 data, inside an aggregate). */
  function holdsTarget(line: string, byId: boolean): boolean {
    const needle = byId ? POST_ID : PERSON;
    if (line.includes(needle) && !line.includes('instagram')) return true;
    const data = /"data":"([^"]*)"/.exec(line)?.[1];
    if (data === undefined) return false;
    const bytes = Buffer.from(data, 'base64');
    return bytes.includes(Buffer.from(needle)) && !bytes.includes(Buffer.from('instagram'));
  }

  it('changes nothing on a dry run and counts what it would erase', async () => {
    const before = await snapshot();
    const rows = await warehouse();
    const { code, out } = await cli(runForgetCli, '--source', 'x', '--user', PERSON, '--dry-run', '--json');
    expect(code).to.equal(0);
    const summary = JSON.parse(out[0] ?? '{}') as { removed: number; warehouse: { rowsRemoved: number } };
    expect(summary.warehouse.rowsRemoved).to.equal(4);
    expect(summary.removed).to.be.greaterThan(4);
    expect(await snapshot()).to.deep.equal(before);
    expect(await warehouse()).to.deep.equal(rows);
  });

  it('erases a person from every store, keeps every other line byte for byte, and keeps the rollups right', async () => {
    // A redrive ledger entry per dead-letter object, every letter failed again with a detail quoting its record (as a
    // decoder's detail can): forget must drop the person's letters from it and keep the others as written.
    const ledger = new RedriveLedger(store(), 'state/raw');
    const personLetters = new Set<string>();
    const lettersBefore = new Map<string, string[]>();
    for (const key of await listKeys(standIns.s3, standIns.bucket, 'errors/')) {
      const bytes = await getObject(standIns.s3, standIns.bucket, key);
      const text = (key.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
      const letters: Record<string, LetterOutcome> = {};
      for (const line of text.split('\n').filter((l) => l !== '')) {
        const doc = JSON.parse(line) as {
          shardId: string;
          sequenceNumber: string;
          subSequenceNumber: number;
          data: string;
        };
        const data = Buffer.from(doc.data, 'base64');
        const identity = `${doc.shardId}/${doc.sequenceNumber}/${doc.subSequenceNumber}`;
        const aggregate = data.subarray(0, 4).equals(Buffer.from([0xf3, 0x89, 0x9a, 0xc2]));
        const detail = aggregate ? 'corrupt-aggregate' : `quoted: ${data.toString('utf8').slice(0, 300)}`;
        letters[identity] = {
          outcome: 'failed-again',
          reason: 'invalid-field',
          detail,
          at: '2026-12-06T00:00:00.000Z',
        };
        if (isTargetPayload(data, false)) personLetters.add(identity);
      }
      await ledger.write({ version: 1, deadLetterKey: key, letters });
      lettersBefore.set(key, Object.keys(letters));
    }
    expect(personLetters.size, 'a letter of the person is in the ledger').to.be.greaterThan(0);
    const before = await snapshot();
    const rowsBefore = (await warehouse()) as { source: string | null; user_name: string }[];
    const { code, out, err } = await cli(runForgetCli, '--source', 'x', '--user', PERSON, '--json');
    expect(code, err.join('\n')).to.equal(0);
    const summary = JSON.parse(out[0] ?? '{}') as Record<
      string,
      { recordsRemoved: number; aggregateRecordsEmptied: number; keys: string[] }
    > & {
      redriveLedgerLetters: number;
      target: { users: string[] };
      warehouse: { rowsRemoved: number };
    };
    // The summary (and the log, which gets the same object) names the person by a hash only.
    expect(out.join('\n')).to.not.include(PERSON);
    expect(summary.target.users).to.deep.equal([
      createHash('sha256').update(`x\u0000${PERSON}`).digest('hex').slice(0, 16),
    ]);
    expect(summary.warehouse.rowsRemoved).to.equal(4);
    expect(summary.rawArchive.recordsRemoved).to.equal(5);
    expect(summary.deadLetters.recordsRemoved).to.equal(1);
    expect(summary.redriveLedgerLetters).to.equal(personLetters.size);
    expect(summary.curated.recordsRemoved).to.equal(4);
    // The corrupt aggregate holding the person and a keeper: kept in both stores, the person's slot emptied.
    expect(summary.rawArchive).to.include({ aggregateRecordsEmptied: 1 });
    expect(summary.deadLetters).to.include({ aggregateRecordsEmptied: 1 });

    const after = await snapshot();
    for (const [key, lines] of before) {
      const now = after.get(key);
      if (key.startsWith('state/raw/redrive/')) {
        const deadLetterKey = key.slice('state/raw/redrive/'.length).replace(/\.json$/, '');
        const kept = (lettersBefore.get(deadLetterKey) ?? []).filter((identity) => !personLetters.has(identity));
        if (kept.length === 0) expect(now, `${key}: no letter left, the entry is deleted`).to.equal(undefined);
        else expect(Object.keys((await ledger.read(deadLetterKey)).letters), key).to.deep.equal(kept);
        continue;
      }
      if (key.startsWith('state/') || key.startsWith('curated-state/')) {
        expect(now, `${key} (progress) is unchanged`).to.deep.equal(lines);
        continue;
      }
      if (key.endsWith('.parquet')) {
        const kept = lines.filter((row) => !(row.includes(`"${PERSON}"`) && row.includes('"x"')));
        if (kept.length === 0 && now === undefined) continue;
        expect(now, key).to.deep.equal(kept);
        continue;
      }
      // NDJSON: every line that is not the person's is the same string; the aggregate line changed only its data.
      const expected = lines.filter((line) => {
        const parsed = JSON.parse(line) as { data: string; dataEncoding?: string };
        return !isTargetPayload(
          Buffer.from(parsed.data, key.startsWith('errors/') ? 'base64' : (parsed.dataEncoding as BufferEncoding)),
          false,
        );
      });
      if (expected.length === 0 && now === undefined) continue;
      expect(now, key).to.have.length(expected.length);
      (now ?? []).forEach((line, i) => {
        if (line === expected[i]) return;
        const was = JSON.parse(expected[i]) as Record<string, unknown>;
        const is = JSON.parse(line) as Record<string, unknown>;
        expect({ ...is, data: '' }, `${key} line ${i}`).to.deep.equal({ ...was, data: '' });
        const bytes = Buffer.from(String(is.data), 'base64');
        expect(decodeAggregate(bytes).kind, 'a corrupt aggregate stays corrupt').to.equal('corrupt');
        const fixed = Buffer.from(bytes);
        createHash('md5')
          .update(bytes.subarray(4, bytes.length - 16))
          .digest()
          .copy(fixed, bytes.length - 16);
        const inner = decodeAggregate(fixed);
        if (inner.kind !== 'aggregated') throw new Error('the scrubbed aggregate cannot be read');
        expect(inner.records[0].data.length, 'the slot is emptied').to.equal(0);
        expect(Buffer.from(inner.records[1].data).toString('utf8')).to.include('"keeper0"');
      });
    }
    for (const [key, lines] of after) {
      expect(before.has(key), `${key} is not new`).to.equal(true);
      for (const line of lines) expect(holdsTarget(line, false), `${key}: ${line.slice(0, 80)}`).to.equal(false);
    }
    // The last batch held only the person: its object is the pending one of its shard, so it is kept, empty.
    const progress = JSON.parse((after.get(`state/raw/${SHARD}.json`) ?? [''])[0]) as { pending: { key: string } };
    expect(after.get(progress.pending.key)).to.deep.equal([]);

    const rowsAfter = await warehouse();
    expect(rowsAfter).to.deep.equal(rowsBefore.filter((row) => !(row.source === 'x' && row.user_name === PERSON)));
    await expectRollupsRebuiltFromScratch();
  });

  it('erases one post by id', async () => {
    const { code, out } = await cli(runForgetCli, '--source', 'x', '--post-id', POST_ID);
    expect(code).to.equal(0);
    expect(out[0]).to.match(/^forgot 3 records/);
    for (const lines of (await snapshot()).values())
      for (const line of lines) expect(holdsTarget(line, true)).to.equal(false);
    expect(
      await query(standIns.postgresUrl, `SELECT 1 FROM post_sentiment WHERE post_id = '${POST_ID}'`),
    ).to.deep.equal([]);
  });

  it('finds nothing on a rerun and changes no object', async () => {
    const before = await snapshot();
    const rerun = await cli(runForgetCli, '--source', 'x', '--user', PERSON, '--post-id', POST_ID, '--json');
    expect(rerun.code).to.equal(0);
    expect(JSON.parse(rerun.out[0] ?? '{}')).to.include({ removed: 0 });
    expect(await snapshot()).to.deep.equal(before);
  });

  it('stays erased when the sinks see the same records again (a new consumer after a lease change) and after a replay', async () => {
    const before = await snapshot();
    const sinks = objectSinks();
    for (const batch of batches) await Promise.all(sinks.map((sink) => sink.write(batch)));
    await Promise.all(sinks.map((sink) => sink.close()));
    expect(await snapshot(), 'the high-water marks skip every record').to.deep.equal(before);
    const rows = await warehouse();
    const replay = await cli(runReplayCli, '--from', '2026-11-22T09:00:00Z', '--to', '2026-11-22T11:00:00Z');
    expect(replay.code, replay.err.join('\n')).to.equal(0);
    expect(await warehouse()).to.deep.equal(rows);
  });

  it('exits 2 with the usage when the source or the target is missing', async () => {
    const { code, err } = await cli(runForgetCli, '--user', PERSON);
    expect(code).to.equal(2);
    expect(err.join('\n')).to.include('--source is required');
    expect((await cli(runForgetCli, '--source', 'x')).code).to.equal(2);
  });

  /** The rollups forget left equal the rollups a refresher builds from the remaining rows. */
  async function expectRollupsRebuiltFromScratch(): Promise<void> {
    const kept = await rollups();
    await query(
      standIns.postgresUrl,
      'DELETE FROM post_sentiment_hourly; DELETE FROM post_sentiment_terms_hourly; DELETE FROM post_sentiment_terms_daily; DELETE FROM post_sentiment_rollup_state',
    );
    await new RollupRefresher(runner, 'post_sentiment', 'postgresql', new NullLogger()).refresh();
    expect(kept).to.deep.equal(await rollups());
  }
});
