// Curated compaction against s3rver: every row once after compacting, after a crash mid-compaction and a rerun, and with late batches.
import { expect } from 'chai';
import { NullLogger } from '../../../common/logger';
import { identityKey } from '../../../common/user-record';
import { compactCurated, type CompactionRun } from '../../../analytics/compaction/compact-curated';
import { S3BucketStore, type BucketStore } from '../../../analytics/curated-bucket';
import { CuratedSink } from '../../../consumer/sinks/curated/curated-sink';
import { CURATED_POSTS, CURATED_VEHICLES } from '../../../consumer/sinks/curated/curated-tables';
import { readCuratedTable, rowIdentities } from '../../support/curated-reader';
import { cutIntoBatches, makeShardStream, type StreamItem } from '../../support/sink-batch-factory';
import { listKeys } from '../../support/stand-ins-archive';
import { startSinkStandIns, type SinkStandIns } from '../../support/stand-ins-sinks';
import { FAST_RETRY } from '../consumer/sinks/sink-fixtures';

const keysOf = (items: readonly StreamItem[], kind: string): string[] =>
  items
    .filter((item) => item.decoded.kind === kind)
    .map((item) => identityKey(item.decoded.record))
    .sort();

describe('curated compaction against s3rver', function () {
  this.timeout(120_000);
  let standIns: SinkStandIns;
  let store: S3BucketStore;
  const run: CompactionRun = {
    prefix: 'curated',
    statePrefix: 'curated-state',
    maxRowsPerObject: 100,
    minObjectAgeMs: 0,
    closedAfterMs: 0,
    nowMs: Date.now() + 60_000,
    dryRun: false,
  };
  const startMs = Date.UTC(2026, 0, 5, 10, 59, 50);
  const shards = ['shardId-000000000001', 'shardId-000000000002'].map((shardId, i) =>
    makeShardStream({ shardId, count: 600, perAggregate: 2, seed: 31 + i, startMs }),
  );
  const all = shards.flat();

  before(async () => {
    standIns = await startSinkStandIns({ postgres: false });
    store = new S3BucketStore(standIns.s3, {
      bucket: standIns.bucket,
      sse: { mode: 'none' },
      logger: new NullLogger(),
      retryPolicy: FAST_RETRY,
    });
    const sink = new CuratedSink(store, { prefix: 'curated', statePrefix: 'curated-state', logger: new NullLogger() });
    for (const items of shards) for (const batch of cutIntoBatches(items, [40, 70, 25])) await sink.write(batch);
    await sink.close();
  });
  after(async () => {
    await standIns?.stop();
  });

  const rowsNow = async (): Promise<{ posts: string[]; vehicles: string[]; keys: string[] }> => ({
    posts: rowIdentities((await readCuratedTable(standIns.s3, standIns.bucket, 'curated', CURATED_POSTS)).rows).sort(),
    vehicles: rowIdentities(
      (await readCuratedTable(standIns.s3, standIns.bucket, 'curated', CURATED_VEHICLES)).rows,
    ).sort(),
    keys: await listKeys(standIns.s3, standIns.bucket, 'curated/'),
  });

  it('finishes a compaction that crashed between its outputs and deleting its inputs, and keeps every row once', async () => {
    const before = await rowsNow();
    expect(before.posts).to.deep.equal(keysOf(all, 'post'));
    let deletes = 0;
    const crashing: BucketStore = Object.assign(Object.create(store) as BucketStore, {
      delete: (key: string) => (++deletes > 3 ? Promise.reject(new Error('process died')) : store.delete(key)),
    });
    await compactCurated(crashing, run).then(
      () => expect.fail('the crashing run resolved'),
      () => undefined,
    );
    const results = await compactCurated(store, run);
    expect(results.map((result) => result.action)).to.include('resumed');
    const after = await rowsNow();
    expect(after.posts).to.deep.equal(keysOf(all, 'post'));
    expect(after.vehicles).to.deep.equal(keysOf(all, 'vehicle'));
    // Per table and hour: compacted objects of at most 100 rows, plus at most one pending batch object per shard.
    const batchObjects = after.keys.filter((key) => !key.includes('/compacted-'));
    expect(batchObjects.length).to.be.at.most(4);
    expect(after.keys.filter((key) => key.includes('/compacted-')).length).to.be.greaterThan(4);
    expect(await listKeys(standIns.s3, standIns.bucket, 'curated-state/compaction/')).to.deep.equal([]);
  });

  it('changes nothing when run again, and merges a late batch into its closed hour', async () => {
    const keys = (await rowsNow()).keys;
    const again = await compactCurated(store, run);
    expect(again.every((result) => result.action === 'skipped')).to.equal(true);
    expect((await rowsNow()).keys).to.deep.equal(keys);
    const late = makeShardStream({ shardId: 'shardId-000000000009', count: 100, seed: 3, startMs });
    const sink = new CuratedSink(store, { prefix: 'curated', statePrefix: 'curated-state', logger: new NullLogger() });
    for (const batch of cutIntoBatches(late, [30])) await sink.write(batch);
    const merged = await compactCurated(store, run);
    expect(merged.filter((result) => result.action === 'compacted').length).to.be.greaterThan(0);
    const after = await rowsNow();
    expect(after.posts).to.deep.equal(keysOf([...all, ...late], 'post'));
    expect(after.vehicles).to.deep.equal(keysOf([...all, ...late], 'vehicle'));
  });
});
