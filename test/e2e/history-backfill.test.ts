// `npm start`'s history backfill on the real stand-ins and daemon: a short history lands in the warehouse exactly once, across an interrupted run and a restart.
import { expect } from 'chai';
import * as path from 'node:path';
import { Client } from 'pg';
import { createProducer } from '../../producer/create-producer';
import type { KinesisProducer } from '../../producer/kinesis-producer';
import { sleep } from '../../common/sleep';
import { NullLogger } from '../../common/logger';
import { backfillHistory, readMarker, type BackfillOptions } from '../../local/start/history-backfill';
import { HistoryLoadedCount } from '../../local/start/history-loaded';
import { LOCAL_POSTS_TABLE } from '../../local/wiring/local-sinks';
import { E2eHarness } from '../support/e2e-harness';

describe('history backfill through the real pipeline (npm start)', function () {
  this.timeout(240_000);
  let harness: E2eHarness;
  let producer: KinesisProducer;
  let counter: HistoryLoadedCount;
  let puts = 0;

  before(async () => {
    harness = await E2eHarness.start({ shards: 2, sinks: 'all' });
    harness.startDaemon('history-worker');
    producer = await createProducer({ streamName: harness.streamName, kinesis: harness.stack.factory.kinesis() });
    counter = new HistoryLoadedCount(harness.stack.endpoints.postgresUrl ?? '', LOCAL_POSTS_TABLE, new NullLogger());
  });
  after(async () => {
    await producer?.close();
    await counter?.close();
    await harness?.stop();
  });

  const options = (overrides: Partial<BackfillOptions> = {}): BackfillOptions => ({
    markerFile: path.join(harness.dir, 'history.json'),
    seed: 7,
    days: 3,
    postsPerDay: 120,
    timeZone: 'Europe/Madrid',
    producer: {
      put: (record) => {
        puts += 1;
        return producer.put(record);
      },
    },
    countLoaded: (range) => counter.count(range),
    onProgress: () => undefined,
    now: () => Date.UTC(2026, 11, 6, 15, 7),
    sleep: (ms) => sleep(Math.min(ms, 500)),
    chunkSize: 100,
    ...overrides,
  });

  it('an interrupted first start, then a restart: every post once; a third start sends nothing', async () => {
    // First start, stopped (Ctrl-C) after its first chunk: the marker holds the plan, not "done".
    const stop = new AbortController();
    const first = await backfillHistory(
      options({
        signal: stop.signal,
        onProgress: (p) => {
          if (p.sent >= 100) stop.abort();
        },
      }),
    );
    expect(first.phase).to.not.equal('done');
    expect(readMarker(path.join(harness.dir, 'history.json'))?.status).to.equal('planned');

    // The restart finishes the same plan (even at a later time) and marks it done only once the warehouse holds it.
    const second = await backfillHistory(options({ now: () => Date.UTC(2026, 11, 6, 18, 0) }));
    expect(second.phase).to.equal('done');
    expect(second.loaded).to.equal(second.posts);
    expect(second.posts).to.be.greaterThan(250);
    const marker = readMarker(path.join(harness.dir, 'history.json'));
    expect(marker).to.include({ status: 'done', posts: second.posts, endMs: Date.UTC(2026, 11, 6, 15, 7) });

    const rows = await backfilledRows(harness.stack.endpoints.postgresUrl ?? '');
    expect(rows.rows).to.equal(second.posts);
    expect(rows.distinctIds).to.equal(second.posts);
    expect(rows.days).to.be.at.least(3);

    // A third start: nothing sent, nothing added.
    const before = puts;
    const third = await backfillHistory(options());
    expect(third.phase).to.equal('skipped');
    expect(puts).to.equal(before);
    expect((await backfilledRows(harness.stack.endpoints.postgresUrl ?? '')).rows).to.equal(second.posts);
  });
});

async function backfilledRows(url: string): Promise<{ rows: number; distinctIds: number; days: number }> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string; ids: string; days: string }>(
      `SELECT COUNT(*) AS n, COUNT(DISTINCT post_id) AS ids, COUNT(DISTINCT DATE_TRUNC('day', created_at)) AS days FROM ${LOCAL_POSTS_TABLE} WHERE source = 'backfill'`,
    );
    return { rows: Number(rows[0]!.n), distinctIds: Number(rows[0]!.ids), days: Number(rows[0]!.days) };
  } finally {
    await client.end();
  }
}
