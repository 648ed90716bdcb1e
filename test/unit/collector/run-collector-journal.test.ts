// The collector with its journal: failed sends stay journaled and are replayed, a restart sends what is left, a full disk stops it.
import { expect } from 'chai';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CollectedPost } from '../../../collector/collected-post';
import { SeenIds } from '../../../collector/dedupe/seen-ids';
import { JournalWriteError } from '../../../collector/journal/journal-errors';
import { NODE_JOURNAL_FILE_SYSTEM } from '../../../collector/journal/journal-file-system';
import { PostJournal } from '../../../collector/journal/post-journal';
import { runCollector, type PostProducer } from '../../../collector/run-collector';
import { emptySourceStats, type PostSourceRun } from '../../../collector/source-stats';
import { NullLogger } from '../../../common/logger';
import type { PutResult, UserRecordInput } from '../../../producer';
import { RecordExpiredError } from '../../../producer/producer-errors';

const post = (n: number): CollectedPost => ({
  source: 'x',
  id: String(1865123456789012000n + BigInt(n)),
  text: `post ${n}`,
  created_at: '2026-12-06T10:00:00.000Z',
  user: `u${n}`,
  hashtags: ['ZBE'],
});

/** Yields `count` posts, then (unless `endless`) ends; `read` counts what was taken from it. */
function source(count: number, endless = false): PostSourceRun<CollectedPost> & { read: number } {
  const run = {
    stats: emptySourceStats(),
    read: 0,
    async *posts(signal: AbortSignal): AsyncGenerator<CollectedPost> {
      for (let n = 0; n < count && !signal.aborted; n += 1) {
        run.read += 1;
        yield post(n);
        if (n % 10 === 9) await new Promise((resolve) => setTimeout(resolve, 1));
      }
      while (endless && !signal.aborted) await new Promise((resolve) => setTimeout(resolve, 5));
    },
  };
  return run;
}

/** A producer that fails while `down` (as puts do past their TTL in an outage) and stores the data otherwise. */
class ScriptedProducer implements PostProducer {
  public down = false;
  public readonly stored: string[] = [];
  public put(record: UserRecordInput): Promise<PutResult> {
    if (this.down) return Promise.reject(new RecordExpiredError(3, 'ECONNREFUSED'));
    this.stored.push(String(record.data));
    return Promise.resolve({ shardId: 'shardId-0', sequenceNumber: String(this.stored.length), attempts: 1 });
  }
  public async close(): Promise<void> {}
  public stats(): ReturnType<PostProducer['stats']> {
    return {} as ReturnType<PostProducer['stats']>;
  }
}

const ids = (producer: ScriptedProducer): string[] =>
  [...new Set(producer.stored.map((data) => (JSON.parse(data) as { id: string }).id))].sort();
const FAST = { replayPolicy: { maxAttempts: Infinity, baseDelayMs: 5, maxDelayMs: 20, jitter: 'none' as const } };

describe('runCollector with the journal', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'collector-journal-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('keeps posts Kinesis refused in the journal and replays them when it answers again: none lost', async () => {
    const producer = new ScriptedProducer();
    producer.down = true;
    const abort = new AbortController();
    const { journal } = PostJournal.open(dir);
    const run = runCollector({
      source: source(50, true),
      producer,
      seen: new SeenIds(1_000),
      journal,
      rejectedFile: path.join(dir, 'rejected.jsonl'),
      logger: new NullLogger(),
      signal: abort.signal,
      outbox: FAST,
    });
    while (journal.unsentCount < 50) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(producer.stored).to.have.length(0);
    producer.down = false;
    while (journal.unsentCount > 0) await new Promise((resolve) => setTimeout(resolve, 5));
    abort.abort();
    const summary = await run;
    expect(summary).to.include({ collected: 50, succeeded: 50, unsent: 0 });
    expect(summary.failed).to.be.above(0);
    expect(ids(producer)).to.deep.equal(Array.from({ length: 50 }, (_, n) => post(n).id).sort());
    expect(PostJournal.open(dir).report.unsent).to.equal(0);
  });

  it('sends at the next start what an earlier run left in the journal, and does not journal it twice', async () => {
    const down = new ScriptedProducer();
    down.down = true;
    const first = await runCollector({
      source: source(20),
      producer: down,
      seen: new SeenIds(1_000),
      journal: PostJournal.open(dir).journal,
      rejectedFile: path.join(dir, 'rejected.jsonl'),
      logger: new NullLogger(),
      outbox: FAST,
    });
    expect(first).to.include({ collected: 20, succeeded: 0, unsent: 20 });
    const up = new ScriptedProducer();
    const second = await runCollector({
      // The source sends the same 20 again (a redelivery) plus nothing new.
      source: source(20),
      producer: up,
      seen: new SeenIds(1_000),
      journal: PostJournal.open(dir).journal,
      rejectedFile: path.join(dir, 'rejected.jsonl'),
      logger: new NullLogger(),
      outbox: FAST,
    });
    expect(second).to.include({ collected: 0, duplicates: 20, succeeded: 20, unsent: 0 });
    expect(up.stored).to.have.length(20);
  });

  it('stops on a full disk: the source is no longer read, nothing unjournaled is counted, the batch gets a last chance', async () => {
    let full = false;
    const files = {
      ...NODE_JOURNAL_FILE_SYSTEM,
      append(fd: number, bytes: Buffer): void {
        if (full) throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
        NODE_JOURNAL_FILE_SYSTEM.append(fd, bytes);
      },
    };
    const producer = new ScriptedProducer();
    const feed = source(1_000, true);
    const { journal } = PostJournal.open(dir, { fs: files });
    const seen = new SeenIds(10_000);
    const run = runCollector({
      source: feed,
      producer,
      seen,
      journal,
      rejectedFile: path.join(dir, 'rejected.jsonl'),
      logger: new NullLogger(),
      outbox: FAST,
    });
    while (producer.stored.length < 100) await new Promise((resolve) => setTimeout(resolve, 1));
    full = true;
    let error: unknown;
    try {
      await run;
    } catch (caught: unknown) {
      error = caught;
    }
    expect(error).to.be.instanceOf(JournalWriteError);
    expect((error as Error).message).to.match(
      /the disk is full.*stopped reading the source.*went to Kinesis without the journal/,
    );
    const readAtStop = feed.read;
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(feed.read).to.equal(readAtStop);
    // Every post taken from the source is stored (journaled ones, plus the last batch sent without the journal).
    expect(ids(producer)).to.have.length(readAtStop);
    expect(seen.size).to.be.below(readAtStop);
  });
});
