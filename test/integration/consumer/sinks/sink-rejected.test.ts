// A row the warehouse refuses as data (real PostgreSQL) is dead-lettered in the real archive (s3rver) as sink-rejected; the rest loads, the checkpoint advances, a replay duplicates nothing; a systemic failure still holds.
import { expect } from 'chai';
import { NullLogger } from '../../../../common/logger';
import { identityKey, type UserRecord } from '../../../../common/user-record';
import type { DecodedRecord } from '../../../../consumer/decode/decoded-record';
import type { CutBatch } from '../../../../consumer/processor/batch-buffer';
import { BatchDelivery } from '../../../../consumer/processor/batch-delivery';
import type { Checkpointer, CheckpointReply } from '../../../../consumer/processor/checkpointer';
import { ShardProcessor } from '../../../../consumer/processor/shard-processor';
import type { SentimentAnalyzer } from '../../../../consumer/sentiment/sentiment-analyzer';
import type { Sink } from '../../../../consumer/sinks/sink';
import type { DeadLetterDocument } from '../../../../consumer/sinks/s3/dead-letter';
import { seq, tweet, wire } from '../../../support/kcl-actions';
import { makeShardStream } from '../../../support/sink-batch-factory';
import { getObject, listKeys } from '../../../support/stand-ins-archive';
import { startSinkStandIns, type SinkStandIns } from '../../../support/stand-ins-sinks';
import { archiveSink, redshiftSink, tableIdentities } from './sink-fixtures';

const analyzer: SentimentAnalyzer = {
  name: 'fixed',
  analyze: async (docs) =>
    docs.map(() => ({
      ok: true,
      label: 'NEGATIVE',
      scores: { Positive: 0, Negative: 1, Neutral: 0, Mixed: 0 },
      lang: 'en',
    })),
  close: async () => {},
};

class RecordingCheckpointer implements Checkpointer {
  public last: string | undefined;
  public async checkpoint(sequenceNumber: string | null): Promise<CheckpointReply> {
    if (sequenceNumber !== null) this.last = sequenceNumber;
    return { ok: true };
  }
}

async function deadLetters(standIns: SinkStandIns, prefix: string): Promise<DeadLetterDocument[]> {
  const documents: DeadLetterDocument[] = [];
  for (const key of await listKeys(standIns.s3, standIns.bucket, prefix)) {
    const text = (await getObject(standIns.s3, standIns.bucket, key)).toString('utf8');
    for (const line of text.split('\n').filter((l) => l !== '')) documents.push(JSON.parse(line) as DeadLetterDocument);
  }
  return documents;
}

/**
 * 30 stream items with a post whose hashtag is a lone low surrogate, as the decoder let it through before it learnt
 * to refuse it (here built directly: the sinks' safety net must hold whatever decode does not foresee).
 */
function batchWithLoneSurrogate(shardId: string): { batch: CutBatch; bad: UserRecord } {
  const decoded: DecodedRecord[] = makeShardStream({ shardId, count: 30, poisonEvery: 0, seed: 21 }).map(
    (item) => item.decoded,
  );
  const victim = decoded[7];
  if (victim.kind !== 'post') throw new Error('item 7 should be a post');
  const bad: UserRecord = {
    ...victim.record,
    data: Buffer.from('{"id_str":"1460000000000000007","text":"#ZBE again","hashtags":["\\udc00ZBE"]}', 'utf8'),
  };
  decoded[7] = { kind: 'post', record: bad, post: { ...victim.post, hashtags: ['\udc00ZBE'] } };
  return { batch: { shardId, decoded, bytes: 1 }, bad };
}

function deliveryTo(sinks: Sink[]): BatchDelivery {
  return new BatchDelivery({
    sinks,
    analyzer,
    logger: new NullLogger(),
    retryPolicy: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 5 },
  });
}

describe('sink-rejected rows against s3rver and PostgreSQL', function () {
  this.timeout(120_000);
  let standIns: SinkStandIns;

  before(async () => {
    standIns = await startSinkStandIns({ bucket: 'sink-rejected' });
  });
  after(async () => {
    await standIns?.stop();
  });

  it('loads the other rows of a batch holding a lone-surrogate hashtag, dead-letters that post once, even after a replay', async () => {
    const shardId = 'shardId-000000000031';
    const { batch, bad } = batchWithLoneSurrogate(shardId);
    const badKey = identityKey(bad);
    const expectedPosts = batch.decoded
      .filter((item) => item.kind === 'post' && identityKey(item.record) !== badKey)
      .map((item) => identityKey(item.record))
      .sort();
    const expectedVehicles = batch.decoded
      .filter((item) => item.kind === 'vehicle')
      .map((item) => identityKey(item.record))
      .sort();

    // First process: delivered, then it "crashes" before the checkpoint; the second process replays the same batch.
    for (let run = 0; run < 2; run += 1) {
      const archive = archiveSink(standIns);
      const db = redshiftSink(standIns.postgresUrl);
      const outcome = await deliveryTo([archive, db]).deliver(batch);
      expect(outcome.sinkRejected.map((r) => identityKey(r.record))).to.deep.equal([badKey]);
      await Promise.all([archive.close(), db.close()]);
    }

    const posts = (await tableIdentities(standIns.postgresUrl, 'post_sentiment')).filter((k) => k.startsWith(shardId));
    const vehicles = (await tableIdentities(standIns.postgresUrl, 'vehicle_readings')).filter((k) =>
      k.startsWith(shardId),
    );
    expect(posts).to.deep.equal(expectedPosts);
    expect(vehicles).to.deep.equal(expectedVehicles);
    const dead = await deadLetters(standIns, 'errors/raw/sink-rejected/');
    expect(dead.map((d) => `${d.shardId}/${d.sequenceNumber}/${d.subSequenceNumber}`)).to.deep.equal([badKey]);
    expect(dead[0].reason).to.equal('sink-rejected');
    expect(dead[0].detail).to.match(/redshift: .*SQLSTATE 22/);
    expect(Buffer.from(dead[0].data, 'base64').equals(bad.data)).to.equal(true);
  });

  it('through the processor: a post the decoder accepts but PostgreSQL refuses is dead-lettered, the checkpoint reaches the last record', async () => {
    const shardId = 'shardId-000000000032';
    // created_at at the end of JavaScript's date range (year 275760) decodes, but no timestamp column takes it.
    const farFuture = Buffer.from(JSON.stringify({ id: 'far', text: 'from the far future', created_at: 8.64e15 }));
    const loneSurrogate = Buffer.from('{"id":"zbe","text":"lone","hashtags":["\\udc00ZBE"]}');
    const records = Array.from({ length: 20 }, (_, i) =>
      i === 6 ? wire(farFuture, seq(i)) : i === 13 ? wire(loneSurrogate, seq(i)) : wire(tweet(3200 + i), seq(i)),
    );
    const run = async (): Promise<RecordingCheckpointer> => {
      const processor = new ShardProcessor({
        sinks: [archiveSink(standIns), redshiftSink(standIns.postgresUrl)],
        analyzer,
        logger: new NullLogger(),
        batchPolicy: { maxRecords: 8, maxBytes: 1e9, maxAgeMs: 1e9 },
        maxOpenBatches: 2,
        checkpointRetry: { maxAttempts: 1, baseDelayMs: 0, maxDelayMs: 0 },
        retryPolicy: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 5 },
      });
      const checkpointer = new RecordingCheckpointer();
      await processor.initialize({ shardId, sequenceNumber: 'TRIM_HORIZON' });
      await processor.processRecords({ records }, checkpointer);
      await processor.shutdownRequested(checkpointer);
      await processor.close();
      return checkpointer;
    };
    const first = await run();
    expect(first.last).to.equal(seq(19));
    await run(); // a replay of the whole shard (the daemon restarted before its checkpoint reached the lease table)

    const posts = (await tableIdentities(standIns.postgresUrl, 'post_sentiment')).filter((k) => k.startsWith(shardId));
    expect(posts).to.deep.equal(
      records
        .filter((_, i) => i !== 6 && i !== 13)
        .map((r) => `${shardId}/${r.sequenceNumber}/0`)
        .sort(),
    );
    const refused = await deadLetters(standIns, 'errors/raw/sink-rejected/');
    expect(refused.filter((d) => d.shardId === shardId).map((d) => d.sequenceNumber)).to.deep.equal([seq(6)]);
    const undecodable = await deadLetters(standIns, 'errors/raw/invalid-field/');
    const mine = undecodable.filter((d) => d.shardId === shardId);
    expect(mine.map((d) => d.sequenceNumber)).to.deep.equal([seq(13)]);
    expect(mine[0].detail).to.match(/hashtags\[0\] holds an unpaired surrogate U\+DC00/);
  });

  it('still holds a batch on a systemic failure (missing table): nothing dead-lettered, no checkpoint, the held age reported', async () => {
    const shardId = 'shardId-000000000033';
    const missing = redshiftSink(standIns.postgresUrl, { posts: 'nowhere.post_sentiment', vehicles: 'nowhere.v' });
    const ages: number[] = [];
    let release: () => void = () => {};
    const heldThrice = new Promise<void>((resolve) => (release = resolve));
    const processor = new ShardProcessor({
      sinks: [archiveSink(standIns), missing],
      analyzer,
      logger: new NullLogger(),
      batchPolicy: { maxRecords: 5, maxBytes: 1e9, maxAgeMs: 1e9 },
      maxOpenBatches: 2,
      checkpointRetry: { maxAttempts: 1, baseDelayMs: 0, maxDelayMs: 0 },
      retryPolicy: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 5 },
      holdPolicy: { maxAttempts: Infinity, baseDelayMs: 5, maxDelayMs: 10 },
      observer: {
        batchHeld: (_stage, ageMs) => {
          ages.push(ageMs);
          if (ages.length === 3) release();
        },
      },
    });
    const checkpointer = new RecordingCheckpointer();
    await processor.initialize({ shardId, sequenceNumber: 'TRIM_HORIZON' });
    await processor.processRecords(
      { records: Array.from({ length: 5 }, (_, i) => wire(tweet(4000 + i), seq(i))) },
      checkpointer,
    );
    await heldThrice;
    await processor.processRecords({ records: [] }, checkpointer);
    await processor.close();
    expect(checkpointer.last).to.equal(undefined);
    expect(ages[2]).to.be.at.least(ages[0]);
    const refused = await deadLetters(standIns, 'errors/raw/sink-rejected/');
    expect(refused.filter((d) => d.shardId === shardId)).to.deep.equal([]);
  });
});
