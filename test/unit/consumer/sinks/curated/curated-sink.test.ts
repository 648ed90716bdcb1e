// Unit tests of the curated sink over an in-memory store: layout, Parquet rows, exactly once through torn writes and re-cut replays.
import { expect } from 'chai';
import { NullLogger } from '../../../../../common/logger';
import { identityKey } from '../../../../../common/user-record';
import { CuratedSink } from '../../../../../consumer/sinks/curated/curated-sink';
import {
  CURATED_POSTS,
  CURATED_VEHICLES,
  type CuratedRow,
  type CuratedTable,
} from '../../../../../consumer/sinks/curated/curated-tables';
import { parquetRows } from '../../../../../consumer/sinks/curated/parquet-file';
import { cutIntoBatches, makeShardStream, type StreamItem } from '../../../../support/sink-batch-factory';
import { rowIdentities } from '../../../../support/curated-reader';
import { InMemoryObjectStore } from '../s3/in-memory-object-store';

const options = { prefix: 'curated', statePrefix: 'curated-state', logger: new NullLogger() };

async function rowsOf(store: InMemoryObjectStore, table: CuratedTable): Promise<CuratedRow[]> {
  const rows: CuratedRow[] = [];
  for (const key of store.keys(`curated/${table.name}/`))
    rows.push(...(await parquetRows(table, store.objects.get(key)?.bytes ?? Buffer.alloc(0), key)));
  return rows;
}

const expected = (items: readonly StreamItem[], kind: string): string[] =>
  items.filter((item) => item.decoded.kind === kind).map((item) => identityKey(item.decoded.record));

describe('CuratedSink', () => {
  it('writes one Parquet object per table per batch under dt=/hour= of its first row, warehouse columns and values', async () => {
    const store = new InMemoryObjectStore();
    const items = makeShardStream({ count: 40, startMs: Date.UTC(2026, 0, 5, 23, 59, 59, 500) });
    const sink = new CuratedSink(store, options);
    for (const batch of cutIntoBatches(items, [20, 20])) await sink.write(batch);
    const posts = store.keys('curated/posts/');
    expect(posts).to.have.length(2);
    expect(posts[0]).to.match(/^curated\/posts\/dt=2026-01-05\/hour=23\/shardId-000000000000-\d+-0\.parquet$/);
    expect(posts[1]).to.match(/^curated\/posts\/dt=2026-01-06\/hour=00\//);
    expect(store.keys('curated/vehicle_readings/')).to.have.length(2);
    expect(store.objects.get(posts[0] ?? '')?.contentType).to.equal('application/vnd.apache.parquet');
    const rows = await rowsOf(store, CURATED_POSTS);
    expect(rowIdentities(rows)).to.deep.equal(expected(items, 'post'));
    const first = items.find((item) => item.decoded.kind === 'post');
    const names = CURATED_POSTS.columns.map((column) => column.name);
    const row = Object.fromEntries(names.map((name, i) => [name, rows[0]?.[i]]));
    if (first?.decoded.kind !== 'post' || first.sentiment?.ok !== true) throw new Error('fixture changed');
    expect(row).to.deep.include({
      post_id: first.decoded.post.id,
      user_name: first.decoded.post.user,
      text: first.decoded.post.text,
      text_truncated: false,
      hashtags: [...first.decoded.post.hashtags],
      sentiment_label: first.sentiment.label,
      score_positive: first.sentiment.scores.Positive,
      sentiment_failure: null,
      sub_sequence_number: 0,
    });
    expect((row.created_at as Date).toISOString()).to.equal(first.decoded.post.createdAt);
    expect((row.arrival_time as Date).getTime()).to.equal(first.decoded.record.approximateArrivalTimestamp);
    const vehicles = await rowsOf(store, CURATED_VEHICLES);
    expect(rowIdentities(vehicles)).to.deep.equal(expected(items, 'vehicle'));
  });

  it('holds every row once through a torn batch (readings stored, posts not) and a replay cut differently', async () => {
    const store = new InMemoryObjectStore();
    const items = makeShardStream({ count: 300, perAggregate: 4, seed: 5 });
    const first = new CuratedSink(store, options);
    const [one, two, three] = cutIntoBatches(items, [80, 80, 80]);
    for (const batch of [one, two]) if (batch !== undefined) await first.write(batch);
    store.failPutsWhere((key) => key.startsWith('curated/posts/'));
    if (three !== undefined)
      await first.write(three).then(
        () => expect.fail('the torn write resolved'),
        () => undefined,
      );
    store.heal();
    // A new process replays from the end of batch one, cut across the old boundaries (mid-aggregate included).
    const second = new CuratedSink(store, options);
    for (const batch of cutIntoBatches(items.slice(78), [37, 150, 13])) await second.write(batch);
    await second.close();
    expect(rowIdentities(await rowsOf(store, CURATED_POSTS)).sort()).to.deep.equal(expected(items, 'post').sort());
    expect(rowIdentities(await rowsOf(store, CURATED_VEHICLES)).sort()).to.deep.equal(
      expected(items, 'vehicle').sort(),
    );
  });

  it('treats a commit that S3 stored although the client saw a timeout as written', async () => {
    const store = new InMemoryObjectStore();
    const items = makeShardStream({ count: 60 });
    const sink = new CuratedSink(store, options);
    const [one, two] = cutIntoBatches(items, [30, 30]);
    store.failAfterStoringWhere((key) => key.startsWith('curated/posts/'));
    if (one !== undefined) await sink.write(one).catch(() => undefined);
    store.heal();
    for (const batch of cutIntoBatches(items, [10, 50])) await sink.write(batch);
    if (two !== undefined) await sink.write(two);
    expect(rowIdentities(await rowsOf(store, CURATED_POSTS))).to.deep.equal(expected(items, 'post'));
  });

  it('writes nothing for a batch of rejections only', async () => {
    const store = new InMemoryObjectStore();
    const items = makeShardStream({ count: 100, poisonEvery: 25 }).filter((item) => item.decoded.kind === 'rejected');
    await new CuratedSink(store, options).write(cutIntoBatches(items, [100])[0] ?? expect.fail('no batch'));
    expect(store.keys('')).to.deep.equal([]);
  });
});
