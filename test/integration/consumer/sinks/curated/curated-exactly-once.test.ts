// The curated Parquet dataset exactly once against s3rver: a crash mid-batch, then a replay cut differently.
import { expect } from 'chai';
import { NullLogger } from '../../../../../common/logger';
import { identityKey } from '../../../../../common/user-record';
import { CuratedSink } from '../../../../../consumer/sinks/curated/curated-sink';
import { CURATED_POSTS, CURATED_VEHICLES } from '../../../../../consumer/sinks/curated/curated-tables';
import type { ObjectStore } from '../../../../../consumer/sinks/s3/object-store';
import { S3ObjectStore } from '../../../../../consumer/sinks/s3/s3-object-store';
import type { SinkBatch } from '../../../../../consumer/sinks/sink';
import { readCuratedTable, rowIdentities } from '../../../../support/curated-reader';
import { cutIntoBatches, makeShardStream, type StreamItem } from '../../../../support/sink-batch-factory';
import { startSinkStandIns, type SinkStandIns } from '../../../../support/stand-ins-sinks';
import { FAST_RETRY } from '../sink-fixtures';

const keysOf = (items: readonly StreamItem[], kind: string): string[] =>
  items
    .filter((item) => item.decoded.kind === kind)
    .map((item) => identityKey(item.decoded.record))
    .sort();

/** The store a process dies in: puts of matching keys never land once `dying` is set. */
function dyingStore(store: ObjectStore, dies: (key: string) => boolean): ObjectStore & { dying: boolean } {
  const wrapper = {
    dying: false,
    put: (key: string, ...rest: Parameters<ObjectStore['put']> extends [string, ...infer R] ? R : never) =>
      wrapper.dying && dies(key) ? Promise.reject(new Error('process died')) : store.put(key, ...rest),
    get: (key: string) => store.get(key),
    exists: (key: string) => store.exists(key),
  };
  return wrapper;
}

describe('curated sink exactly once against s3rver', function () {
  this.timeout(120_000);
  let standIns: SinkStandIns;

  before(async () => {
    standIns = await startSinkStandIns({ postgres: false });
  });
  after(async () => {
    await standIns?.stop();
  });

  const sinkOver = (store: ObjectStore): CuratedSink =>
    new CuratedSink(store, { prefix: 'curated', statePrefix: 'curated-state', logger: new NullLogger() });
  const s3Store = (): S3ObjectStore =>
    new S3ObjectStore(standIns.s3, {
      bucket: standIns.bucket,
      sse: { mode: 'none' },
      retryPolicy: FAST_RETRY,
      logger: new NullLogger(),
    });

  it('holds every post and reading once after a crash between the readings and the posts of a batch and a re-cut replay', async () => {
    // The stream crosses an hour (and a day): objects land in two dt=/hour= partitions.
    const startMs = Date.UTC(2026, 11, 31, 23, 59, 58);
    const shards = ['shardId-000000000001', 'shardId-000000000002'].map((shardId, i) =>
      makeShardStream({ shardId, count: 300, perAggregate: 4, seed: 21 + i, startMs }),
    );
    const dying = dyingStore(s3Store(), (key) => key.startsWith('curated/posts/'));
    const first = sinkOver(dying);
    for (const items of shards) {
      const [one, two, three] = cutIntoBatches(items, [80, 80, 80]);
      for (const batch of [one, two].filter((b): b is SinkBatch => b !== undefined)) await first.write(batch);
      dying.dying = true;
      if (three !== undefined)
        await first.write(three).then(
          () => expect.fail('the torn write resolved'),
          () => undefined,
        );
      dying.dying = false;
    }
    // Second process: replay from the checkpoint (the end of batch one), cut differently and mid-aggregate.
    const second = sinkOver(s3Store());
    for (const items of shards)
      for (const batch of cutIntoBatches(items.slice(78), [37, 150, 13])) await second.write(batch);
    await second.close();

    const all = shards.flat();
    const posts = await readCuratedTable(standIns.s3, standIns.bucket, 'curated', CURATED_POSTS);
    expect(rowIdentities(posts.rows).sort()).to.deep.equal(keysOf(all, 'post'));
    const vehicles = await readCuratedTable(standIns.s3, standIns.bucket, 'curated', CURATED_VEHICLES);
    expect(rowIdentities(vehicles.rows).sort()).to.deep.equal(keysOf(all, 'vehicle'));
    const partitions = new Set(posts.keys.map((key) => key.split('/').slice(2, 4).join('/')));
    expect([...partitions].sort()).to.deep.equal(['dt=2026-12-31/hour=23', 'dt=2027-01-01/hour=00']);
  });
});
