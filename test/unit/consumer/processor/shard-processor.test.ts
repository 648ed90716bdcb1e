// The processor's checkpoint discipline with in-memory sinks and a scripted checkpointer.
import { expect } from 'chai';
import { NullLogger } from '../../../../common/logger';
import { ShardProcessor } from '../../../../consumer/processor/shard-processor';
import type { Checkpointer, CheckpointReply } from '../../../../consumer/processor/checkpointer';
import { InMemorySink } from '../../../fakes/in-memory-sink';
import type { Sink, SinkBatch } from '../../../../consumer/sinks/sink';
import type { SentimentAnalyzer, SentimentOutcome } from '../../../../consumer/sentiment/sentiment-analyzer';
import { seq, tweets } from '../../../support/kcl-actions';

class ScriptedCheckpointer implements Checkpointer {
  public readonly calls: Array<string | null> = [];
  public constructor(private readonly replies: CheckpointReply[] = []) {}
  public async checkpoint(sequenceNumber: string | null): Promise<CheckpointReply> {
    this.calls.push(sequenceNumber);
    return this.replies.shift() ?? { ok: true };
  }
}

/** A sink whose writes wait until released. */
class GatedSink implements Sink {
  public readonly name = 'gated';
  public readonly batches: SinkBatch[] = [];
  private release: Array<() => void> = [];
  public async write(batch: SinkBatch): Promise<void> {
    await new Promise<void>((resolve) => this.release.push(resolve));
    this.batches.push(batch);
  }
  public openAll(): void {
    this.release.splice(0).forEach((resolve) => resolve());
  }
  public get waiting(): number {
    return this.release.length;
  }
  public async close(): Promise<void> {}
}

const analyzer: SentimentAnalyzer = {
  name: 'test',
  analyze: async (docs) =>
    docs.map((doc): SentimentOutcome =>
      doc.text.includes('unsupported')
        ? { ok: false, reason: 'unsupported language' }
        : { ok: true, label: 'POSITIVE', scores: { Positive: 1, Negative: 0, Neutral: 0, Mixed: 0 }, lang: 'en' },
    ),
  close: async () => {},
};

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

function processor(
  sinks: Sink[],
  overrides: Partial<ConstructorParameters<typeof ShardProcessor>[0]> = {},
): ShardProcessor {
  return new ShardProcessor({
    sinks,
    analyzer,
    logger: new NullLogger(),
    batchPolicy: { maxRecords: 5, maxBytes: 1e9, maxAgeMs: 1e9 },
    maxOpenBatches: 2,
    checkpointRetry: { maxAttempts: 3, baseDelayMs: 0, maxDelayMs: 0 },
    retryPolicy: { maxAttempts: Infinity, baseDelayMs: 0, maxDelayMs: 0 },
    sleep: async () => {},
    ...overrides,
  });
}

describe('ShardProcessor', () => {
  it('checkpoints a batch only once every sink holds it', async () => {
    const memory = new InMemorySink();
    const gated = new GatedSink();
    const p = processor([memory, gated]);
    const checkpointer = new ScriptedCheckpointer();
    await p.initialize({ shardId: 's-1', sequenceNumber: 'TRIM_HORIZON' });
    await p.processRecords({ records: tweets(0, 5) }, checkpointer);
    await tick();
    expect(memory.records.size).to.equal(5);
    await p.processRecords({ records: [] }, checkpointer);
    expect(checkpointer.calls).to.deep.equal([]);
    gated.openAll();
    await tick();
    await p.processRecords({ records: [] }, checkpointer);
    expect(checkpointer.calls).to.deep.equal([seq(4)]);
  });

  it('retries a failing sink without rewriting the healthy one, holding the checkpoint until it succeeds', async () => {
    const healthy = new InMemorySink('healthy');
    const flaky = new InMemorySink('flaky');
    flaky.failNext(3);
    const p = processor([healthy, flaky]);
    const checkpointer = new ScriptedCheckpointer();
    await p.initialize({ shardId: 's-1' });
    await p.processRecords({ records: tweets(0, 5) }, checkpointer);
    await p.shardEnded(checkpointer);
    expect(flaky.writes).to.equal(4);
    expect(healthy.writes).to.equal(1);
    expect(flaky.records.size).to.equal(5);
    expect(checkpointer.calls).to.deep.equal([null]);
  });

  it('passes scored posts, unscored outcomes and rejections to the sinks with their identities', async () => {
    const memory = new InMemorySink();
    const p = processor([memory]);
    await p.initialize({ shardId: 's-1' });
    const records = tweets(0, 3);
    records[1] = {
      ...records[1],
      data: Buffer.from(JSON.stringify({ id: '1', text: 'unsupported words' })).toString('base64'),
    };
    records[2] = { ...records[2], data: Buffer.from('not a record').toString('base64') };
    await p.processRecords({ records }, new ScriptedCheckpointer());
    await p.shardEnded(new ScriptedCheckpointer());
    const posts = [...memory.posts.values()];
    expect(posts.map((post) => post.sentiment.ok)).to.deep.equal([true, false]);
    expect([...memory.rejections.values()].map((r) => [r.record.sequenceNumber, r.reason])).to.deep.equal([
      [seq(2), 'unknown-shape'],
    ]);
    expect(memory.records.size).to.equal(3);
  });

  it('drops buffered records and never checkpoints after leaseLost', async () => {
    const memory = new InMemorySink();
    const p = processor([memory]);
    const checkpointer = new ScriptedCheckpointer();
    await p.initialize({ shardId: 's-1' });
    await p.processRecords({ records: tweets(0, 3) }, checkpointer);
    await p.leaseLost();
    await p.processRecords({ records: tweets(3, 5) }, checkpointer);
    await p.shardEnded(checkpointer);
    expect(memory.writes).to.equal(0);
    expect(checkpointer.calls).to.deep.equal([]);
  });

  it('applies back-pressure: processRecords waits while the open-batch limit is reached', async () => {
    const gated = new GatedSink();
    const p = processor([gated], { maxOpenBatches: 1 });
    await p.initialize({ shardId: 's-1' });
    let returned = false;
    const call = p.processRecords({ records: tweets(0, 5) }, new ScriptedCheckpointer()).then(() => {
      returned = true;
    });
    await tick();
    expect(returned).to.equal(false);
    gated.openAll();
    await call;
    expect(returned).to.equal(true);
  });

  it('stops checkpointing after a ShutdownException reply and drops what is buffered', async () => {
    const memory = new InMemorySink();
    const p = processor([memory]);
    const checkpointer = new ScriptedCheckpointer([{ ok: false, error: 'ShutdownException' }]);
    await p.initialize({ shardId: 's-1' });
    await p.processRecords({ records: tweets(0, 5) }, checkpointer);
    await tick();
    await p.processRecords({ records: tweets(5, 2) }, checkpointer);
    await p.processRecords({ records: tweets(7, 5) }, checkpointer);
    await p.shardEnded(checkpointer);
    expect(checkpointer.calls).to.deep.equal([seq(4)]);
  });

  it('gives up on a processRecords checkpoint after bounded throttling retries and tries again on the next action', async () => {
    const throttled: CheckpointReply = { ok: false, error: 'ThrottlingException' };
    const checkpointer = new ScriptedCheckpointer([throttled, throttled, throttled]);
    const p = processor([new InMemorySink()]);
    await p.initialize({ shardId: 's-1' });
    await p.processRecords({ records: tweets(0, 5) }, checkpointer);
    await tick();
    await p.processRecords({ records: [] }, checkpointer);
    expect(checkpointer.calls).to.have.length(3);
    await p.processRecords({ records: [] }, checkpointer);
    expect(checkpointer.calls).to.deep.equal([seq(4), seq(4), seq(4), seq(4)]);
  });

  describe('final checkpoints (shardEnded, shutdownRequested)', () => {
    const throttled: CheckpointReply = { ok: false, error: 'ThrottlingException' };

    it('keeps retrying the SHARD_END checkpoint past the bounded attempts until the daemon accepts it', async () => {
      // Default settings give 6 bounded attempts; the daemon throttles 6 times, then accepts.
      const checkpointer = new ScriptedCheckpointer(Array.from({ length: 6 }, () => throttled));
      const delays: number[] = [];
      const p = processor([new InMemorySink()], {
        checkpointRetry: { maxAttempts: 6, baseDelayMs: 200, maxDelayMs: 5_000 },
        sleep: async (ms) => {
          delays.push(ms);
        },
      });
      await p.initialize({ shardId: 's-1' });
      await p.processRecords({ records: tweets(0, 3) }, new ScriptedCheckpointer());
      await p.shardEnded(checkpointer);
      expect(checkpointer.calls).to.deep.equal([null, null, null, null, null, null, null]);
      expect(delays).to.have.length(6);
      expect(Math.max(...delays)).to.be.at.most(5_000);
    });

    it('keeps retrying the final checkpoint of shutdownRequested the same way', async () => {
      const checkpointer = new ScriptedCheckpointer([
        { ok: false, error: 'KinesisClientLibDependencyException' },
        ...Array.from({ length: 9 }, () => throttled),
      ]);
      const p = processor([new InMemorySink()]);
      await p.initialize({ shardId: 's-1' });
      await p.processRecords({ records: tweets(0, 3) }, new ScriptedCheckpointer());
      await p.shutdownRequested(checkpointer);
      expect(checkpointer.calls).to.deep.equal(Array.from({ length: 11 }, () => seq(2)));
    });

    it('stops retrying the SHARD_END checkpoint on ShutdownException (the lease is gone)', async () => {
      const checkpointer = new ScriptedCheckpointer([
        throttled,
        throttled,
        throttled,
        throttled,
        { ok: false, error: 'ShutdownException' },
      ]);
      const p = processor([new InMemorySink()]);
      await p.initialize({ shardId: 's-1' });
      await p.shardEnded(checkpointer);
      expect(checkpointer.calls).to.have.length(5);
      await p.processRecords({ records: tweets(0, 5) }, checkpointer);
      expect(checkpointer.calls).to.have.length(5);
    });

    it('stops retrying when stdin closes (stop), and answers', async () => {
      const checkpointer = new ScriptedCheckpointer(Array.from({ length: 1_000 }, () => throttled));
      const stopAt20: { processor?: ShardProcessor } = {};
      const p = processor([new InMemorySink()], {
        sleep: async () => {
          if (checkpointer.calls.length === 20) stopAt20.processor?.stop();
        },
      });
      stopAt20.processor = p;
      await p.initialize({ shardId: 's-1' });
      await p.shardEnded(checkpointer);
      expect(checkpointer.calls).to.have.length(20);
    });

    it('never checkpoints SHARD_END past a batch whose delivery stdin closing cancelled', async () => {
      const gated = new GatedSink();
      const checkpointer = new ScriptedCheckpointer();
      const p = processor([gated]);
      await p.initialize({ shardId: 's-1' });
      await p.processRecords({ records: tweets(0, 3) }, checkpointer);
      const ended = p.shardEnded(checkpointer);
      await tick();
      p.stop();
      gated.openAll();
      await ended;
      expect(checkpointer.calls).to.deep.equal([]);
    });
  });

  describe('delivery on the project retry policy', () => {
    it('holds a batch on a non-retryable sink failure, reporting each attempt, and checkpoints once it is stored', async () => {
      const failures: Array<[string, boolean]> = [];
      const flaky = new InMemorySink('flaky');
      flaky.failNext(3);
      const p = processor([flaky], {
        observer: {
          initialized: () => {},
          recordsReceived: () => {},
          batchDurable: () => {},
          checkpointed: () => {},
          deliveryFailed: (stage, held) => {
            failures.push([stage, held]);
          },
        },
      });
      const checkpointer = new ScriptedCheckpointer();
      await p.initialize({ shardId: 's-1' });
      await p.processRecords({ records: tweets(0, 5) }, checkpointer);
      await p.shardEnded(checkpointer);
      // InMemorySink failures are plain errors: not retryable, so every attempt is a slow "held" retry.
      expect(failures).to.deep.equal([
        ['flaky', true],
        ['flaky', true],
        ['flaky', true],
      ]);
      expect(flaky.records.size).to.equal(5);
      expect(checkpointer.calls).to.deep.equal([null]);
    });
  });

  describe('a delivery held by a systemic failure', () => {
    const accessDenied = (): Error =>
      Object.assign(new Error('Access Denied'), { name: 'AccessDenied', $metadata: { httpStatusCode: 403 } });
    const longHold = { maxAttempts: Infinity, baseDelayMs: 60_000, maxDelayMs: 60_000 };

    it('keeps answering processRecords while held (below the byte bound), and leaseLost ends the hold at once', async () => {
      const broken = new InMemorySink('broken');
      broken.failNext(1_000_000, accessDenied());
      const p = processor([broken], { maxOpenBatches: 1, holdPolicy: longHold, sleep: undefined });
      const checkpointer = new ScriptedCheckpointer();
      await p.initialize({ shardId: 's-1' });
      await p.processRecords({ records: tweets(0, 5) }, checkpointer);
      await p.processRecords({ records: tweets(5, 5) }, checkpointer);
      await p.processRecords({ records: tweets(10, 5) }, checkpointer);
      expect(checkpointer.calls).to.deep.equal([]);
      await p.leaseLost();
      await p.close();
      expect(broken.records.size).to.equal(0);
    });

    it('answers shutdownRequested without waiting for a held batch, checkpointing only the durable prefix', async () => {
      const sink = new InMemorySink('s3');
      const p = processor([sink], { maxOpenBatches: 4, holdPolicy: longHold, sleep: undefined });
      const checkpointer = new ScriptedCheckpointer();
      await p.initialize({ shardId: 's-1' });
      await p.processRecords({ records: tweets(0, 5) }, checkpointer);
      await tick();
      sink.failNext(1_000_000, accessDenied());
      await p.processRecords({ records: tweets(5, 5) }, checkpointer);
      await p.shutdownRequested(checkpointer);
      expect(checkpointer.calls.at(-1)).to.equal(seq(4));
      await p.close();
    });
  });
});
