// BatchDelivery: rows a sink refuses as data are isolated and dead-lettered (sink-rejected), systemic failures hold and report the batch's age.
import { expect } from 'chai';
import { NullLogger } from '../../../../common/logger';
import { identityKey } from '../../../../common/user-record';
import type { CutBatch } from '../../../../consumer/processor/batch-buffer';
import { BatchDelivery } from '../../../../consumer/processor/batch-delivery';
import { DeliveryCancelledError } from '../../../../consumer/processor/processor-errors';
import type { SentimentAnalyzer } from '../../../../consumer/sentiment/sentiment-analyzer';
import { InMemorySink } from '../../../fakes/in-memory-sink';
import type { Sink, SinkBatch } from '../../../../consumer/sinks/sink';
import { SinkDataRejectedError, SinkWriteError } from '../../../../consumer/sinks/sink-errors';
import { makeShardStream } from '../../../support/sink-batch-factory';

const analyzer: SentimentAnalyzer = {
  name: 'fixed',
  analyze: async (docs) =>
    docs.map(() => ({
      ok: true,
      label: 'NEUTRAL',
      scores: { Positive: 0, Negative: 0, Neutral: 1, Mixed: 0 },
      lang: 'en',
    })),
  close: async () => {},
};

function cutBatch(count: number): CutBatch {
  const decoded = makeShardStream({ count, poisonEvery: 0, seed: 5 }).map((item) => item.decoded);
  return { shardId: decoded[0].record.shardId, decoded, bytes: 1 };
}

/** A warehouse-like sink: refuses as data any write holding a refused identity, else keeps the rows. */
class RefusingTable extends InMemorySink {
  public constructor(private readonly refuse: (batch: SinkBatch) => Error | undefined) {
    super('redshift');
  }
  public override async write(batch: SinkBatch): Promise<void> {
    const error = this.refuse(batch);
    if (error !== undefined) {
      this.writes += 1;
      throw error;
    }
    await super.write(batch);
  }
}
// The warehouse keeps no dead letters.
Object.defineProperty(RefusingTable.prototype, 'writeRejected', { value: undefined });

function delivery(sinks: Sink[], extra: Partial<ConstructorParameters<typeof BatchDelivery>[0]> = {}): BatchDelivery {
  return new BatchDelivery({
    sinks,
    analyzer,
    logger: new NullLogger(),
    retryPolicy: { maxAttempts: 3, baseDelayMs: 0, maxDelayMs: 0 },
    sleep: async () => {},
    ...extra,
  });
}

describe('BatchDelivery with a sink that refuses rows as data', () => {
  it('loads every other row, dead-letters the refused one (sink-rejected, the sink error, the raw record) and resolves', async () => {
    const batch = cutBatch(40);
    const badKey = identityKey(batch.decoded[13].record);
    const table = new RefusingTable((b) =>
      [...b.posts, ...b.vehicles].some((row) => identityKey(row.record) === badKey)
        ? new SinkDataRejectedError('redshift', 'load refused the rows: invalid input (SQLSTATE 22P02)')
        : undefined,
    );
    const archive = new InMemorySink('s3-archive');
    const outcome = await delivery([archive, table]).deliver(batch);

    expect(outcome.sinkRejected.map((r) => identityKey(r.record))).to.deep.equal([badKey]);
    const allKeys = batch.decoded.map((item) => identityKey(item.record));
    expect([...table.posts.keys(), ...table.vehicles.keys()].sort()).to.deep.equal(
      allKeys.filter((key) => key !== badKey).sort(),
    );
    const dead = archive.rejections.get(badKey);
    expect(dead?.reason).to.equal('sink-rejected');
    expect(dead?.detail).to.match(/^SinkDataRejectedError: redshift: .*SQLSTATE 22P02/);
    expect(dead?.record.data.equals(batch.decoded[13].record.data)).to.equal(true);
    expect(archive.records.size).to.equal(40);
  });

  it('still holds on a systemic failure (not split, nothing dead-lettered), reporting the held batch age on every slow retry', async () => {
    const table = new RefusingTable(
      () => new SinkWriteError('redshift', 'relation "post_sentiment" does not exist', { retryable: false }),
    );
    const archive = new InMemorySink('s3-archive');
    let clock = 1_000;
    const ages: number[] = [];
    const stop = new AbortController();
    const d = delivery([archive, table], {
      now: () => clock,
      sleep: async () => {
        clock += 30_000;
        if (ages.length >= 3) stop.abort();
      },
      onHeld: (stage, ageMs) => ages.push(stage === 'redshift' ? ageMs : -1),
    });
    stop.signal.addEventListener('abort', () => d.cancel());
    let caught: unknown;
    await d.deliver(cutBatch(20)).catch((error: unknown) => (caught = error));
    expect(caught).to.be.instanceOf(DeliveryCancelledError);
    expect(ages).to.deep.equal([0, 30_000, 60_000]);
    expect(table.writes).to.equal(3);
    expect(archive.rejections.size).to.equal(0);
  });

  it('holds the dead letters like a write when the dead-letter store fails transiently, then resolves', async () => {
    const batch = cutBatch(10);
    const badKey = identityKey(batch.decoded[2].record);
    const table = new RefusingTable((b) =>
      b.posts.some((row) => identityKey(row.record) === badKey)
        ? new SinkDataRejectedError('redshift', 'x')
        : undefined,
    );
    const archive = new InMemorySink('s3-archive');
    let failures = 2;
    const original = archive.writeRejected.bind(archive);
    archive.writeRejected = async (rejections) => {
      if (failures-- > 0) throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
      await original(rejections);
    };
    await delivery([archive, table]).deliver(batch);
    expect([...archive.rejections.keys()]).to.deep.equal([badKey]);
  });
});
