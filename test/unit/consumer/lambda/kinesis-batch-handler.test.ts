// The Lambda handler on the processor's core: aggregates, partial failure, poison records, idempotent retries.
import { expect } from 'chai';
import { NullLogger } from '../../../../common/logger';
import { encodeAggregate } from '../../../../common/kpl/aggregate-codec';
import { KinesisBatchHandler, shardIdOf } from '../../../../consumer/lambda/kinesis-batch-handler';
import { decodeDelivered } from '../../../../consumer/decode/record-decoder';
import { InMemorySink } from '../../../fakes/in-memory-sink';
import type { Sink } from '../../../../consumer/sinks/sink';
import type { SentimentAnalyzer, SentimentOutcome } from '../../../../consumer/sentiment/sentiment-analyzer';
import { identityKey } from '../../../../common/user-record';
import { tweet } from '../../../support/kcl-actions';
import { kinesisEvent, kinesisEventRecord } from '../../../../local/lambda/lambda-kinesis-event';

const SHARD = 'shardId-000000000003';
const SOURCE = { region: 'us-east-1', streamArn: 'arn:aws:kinesis:us-east-1:000000000000:stream/s' };

const analyzer: SentimentAnalyzer = {
  name: 'test',
  analyze: async (docs) =>
    docs.map((): SentimentOutcome => ({
      ok: true,
      label: 'NEGATIVE',
      scores: { Positive: 0, Negative: 1, Neutral: 0, Mixed: 0 },
      lang: 'en',
    })),
  close: async () => {},
};

function handler(sinks: Sink[], maxRecords = 1_000, retryAttempts = 2): KinesisBatchHandler {
  return new KinesisBatchHandler({
    sinks,
    analyzer,
    logger: new NullLogger(),
    batchPolicy: { maxRecords, maxBytes: 1e9 },
    retryPolicy: { maxAttempts: retryAttempts, baseDelayMs: 0, maxDelayMs: 0 },
    // The hold loop never ends on its own: the deadline (or, here, a short one) ends it.
    holdPolicy: { maxAttempts: Infinity, baseDelayMs: 1, maxDelayMs: 1 },
    // Yields to timers, so the deadline can end a hold.
    sleep: () => new Promise((resolve) => setImmediate(resolve)),
  });
}

function record(seq: number, data: Uint8Array): ReturnType<typeof kinesisEventRecord> {
  return kinesisEventRecord(
    {
      shardId: SHARD,
      sequenceNumber: `4959${String(seq).padStart(20, '0')}`,
      partitionKey: `pk-${seq}`,
      data,
      approximateArrivalTimestampMs: 1_765_000_000_123,
    },
    SOURCE,
  );
}

const aggregate = (ids: number[]): Buffer =>
  encodeAggregate(ids.map((id) => ({ partitionKey: `pk-${id}`, data: tweet(id) })));

describe('KinesisBatchHandler', () => {
  it('takes the shard id from the eventID, as Lambda writes it', () => {
    expect(shardIdOf(record(1, tweet(1)))).to.equal(SHARD);
  });

  it('de-aggregates KPL records with the identities the KCL gives them', async () => {
    const sink = new InMemorySink();
    const event = kinesisEvent([record(1, aggregate([10, 11, 12])), record(2, tweet(13))]);
    const response = await handler([sink]).handle(event);
    expect(response).to.deep.equal({ batchItemFailures: [] });
    expect(sink.posts.size).to.equal(4);
    // The daemon delivers an aggregate's user records with sub-sequence numbers 0..n-1 under one sequence number.
    const viaDaemon = [10, 11, 12].map(
      (id, sub) =>
        decodeDelivered(SHARD, {
          data: tweet(id).toString('base64'),
          partitionKey: `pk-${id}`,
          sequenceNumber: event.Records[0].kinesis.sequenceNumber,
          subSequenceNumber: sub,
        })[0],
    );
    const lambdaKeys = [...sink.records.values()].slice(0, 3).map(identityKey);
    expect(lambdaKeys).to.deep.equal(viaDaemon.map((d) => identityKey(d.record)));
    const first = [...sink.records.values()][0];
    expect(first.approximateArrivalTimestamp).to.equal(1_765_000_000_123);
  });

  it('dead-letters a poison record and reports no failure for it', async () => {
    const sink = new InMemorySink();
    const event = kinesisEvent([record(1, tweet(1)), record(2, Buffer.from('{not json')), record(3, tweet(3))]);
    const response = await handler([sink]).handle(event);
    expect(response.batchItemFailures).to.deep.equal([]);
    expect(sink.posts.size).to.equal(2);
    expect(sink.rejections.size).to.equal(1);
  });

  it('reports the first record of the first batch that is not durable, after the durable ones', async () => {
    const sink = new InMemorySink();
    const event = kinesisEvent([1, 2, 3, 4, 5].map((n) => record(n, tweet(n))));
    // Batches [1,2] [3,4] [5]: the first write succeeds, then the sink fails past the retries and the deadline ends the hold.
    let writes = 0;
    const failing: Sink = {
      name: 'flaky',
      write: async (batch) => {
        writes += 1;
        if (writes > 1) throw Object.assign(new Error('AccessDenied'), { name: 'AccessDenied', $fault: 'client' });
        await sink.write(batch);
      },
      close: async () => {},
    };
    const h2 = new KinesisBatchHandler({
      sinks: [failing],
      analyzer,
      logger: new NullLogger(),
      batchPolicy: { maxRecords: 2, maxBytes: 1e9 },
      retryPolicy: { maxAttempts: 2, baseDelayMs: 0, maxDelayMs: 0 },
      holdPolicy: { maxAttempts: Infinity, baseDelayMs: 5, maxDelayMs: 5 },
      deadlineMarginMs: 0,
    });
    const response = await h2.handle(event, { remainingTimeMs: () => 50 });
    expect(response.batchItemFailures).to.deep.equal([{ itemIdentifier: event.Records[2].kinesis.sequenceNumber }]);
    expect(sink.posts.size).to.equal(2);
  });

  it('adds nothing when Lambda retries from the reported record (idempotent identities)', async () => {
    const sink = new InMemorySink();
    const h = handler([sink], 2);
    const event = kinesisEvent([1, 2, 3].map((n) => record(n, tweet(n))));
    sink.failNext(
      Number.MAX_SAFE_INTEGER,
      Object.assign(new Error('throttled'), { name: 'ThrottlingException', $retryable: {} }),
    );
    const deadline = { remainingTimeMs: () => 10_020 };
    const first = await h.handle(event, deadline);
    expect(first.batchItemFailures).to.have.length(1);
    const from = event.Records.findIndex((r) => r.kinesis.sequenceNumber === first.batchItemFailures[0].itemIdentifier);
    sink.failNext(0);
    const retried = await h.handle(kinesisEvent(event.Records.slice(from)));
    expect(retried.batchItemFailures).to.deep.equal([]);
    const again = await h.handle(event);
    expect(again.batchItemFailures).to.deep.equal([]);
    expect(sink.posts.size).to.equal(3);
    expect(sink.records.size).to.equal(3);
  });

  it('answers an empty event with no failures', async () => {
    expect(await handler([new InMemorySink()]).handle({ Records: [] })).to.deep.equal({ batchItemFailures: [] });
  });
});
