// The processor with the shard-range guard installed: an aggregate of a sibling's range never reaches a sink, the shard moves on.
import { expect } from 'chai';
import { NullLogger } from '../../../../common/logger';
import { MAX_HASH_KEY, partitionKeyHash } from '../../../../common/kpl/hash-key';
import { ShardProcessor } from '../../../../consumer/processor/shard-processor';
import type { Checkpointer, CheckpointReply } from '../../../../consumer/processor/checkpointer';
import { ShardRangeGuard } from '../../../../consumer/reshard/shard-range-guard';
import { InMemorySink } from '../../../fakes/in-memory-sink';
import type { SentimentAnalyzer } from '../../../../consumer/sentiment/sentiment-analyzer';
import { seq, tweet, wire } from '../../../support/kcl-actions';

const HALF = MAX_HASH_KEY / 2n;
function keyIn(lower: boolean, seed: number): string {
  for (let i = seed; ; i += 1) if (partitionKeyHash(`k${i}`) <= HALF === lower) return `k${i}`;
}

const analyzer: SentimentAnalyzer = {
  name: 'test',
  analyze: async (docs) => docs.map(() => ({ ok: false as const, reason: 'not scored' })),
  close: async () => {},
};

class RecordingCheckpointer implements Checkpointer {
  public readonly calls: Array<string | null> = [];
  public async checkpoint(sequenceNumber: string | null): Promise<CheckpointReply> {
    this.calls.push(sequenceNumber);
    return { ok: true };
  }
}

describe('ShardProcessor with the shard-range guard', () => {
  it('stores the aggregate of its own range, drops the one straddling a sibling, and checkpoints past both at shard end', async () => {
    const sink = new InMemorySink();
    const guard = new ShardRangeGuard({
      logger: new NullLogger(),
      lookup: async () => ({ startingHashKey: 0n, endingHashKey: HALF }),
    });
    const p = new ShardProcessor({
      sinks: [sink],
      analyzer,
      logger: new NullLogger(),
      inputFilter: guard,
      batchPolicy: { maxRecords: 100, maxBytes: 1e9, maxAgeMs: 1e9 },
      maxOpenBatches: 2,
      checkpointRetry: { maxAttempts: 3, baseDelayMs: 0, maxDelayMs: 0 },
      retryPolicy: { maxAttempts: Infinity, baseDelayMs: 0, maxDelayMs: 0 },
      sleep: async () => {},
    });
    await p.initialize({ shardId: 'shardId-000000000002' });
    const own = [wire(tweet(1), seq(1), 0, keyIn(true, 0)), wire(tweet(2), seq(1), 1, keyIn(true, 10))];
    const straddling = [wire(tweet(3), seq(2), 0, keyIn(true, 20)), wire(tweet(4), seq(2), 1, keyIn(false, 0))];
    const checkpointer = new RecordingCheckpointer();
    await p.processRecords({ records: [...own, ...straddling] }, checkpointer);
    await p.shardEnded(checkpointer);
    expect([...sink.records.values()].map((r) => `${r.sequenceNumber}/${r.subSequenceNumber}`).sort()).to.deep.equal([
      `${seq(1)}/0`,
      `${seq(1)}/1`,
    ]);
    expect(checkpointer.calls.at(-1)).to.equal(null);
    expect(guard.droppedSoFar).to.deep.equal({ aggregates: 1, records: 2 });
  });
});
