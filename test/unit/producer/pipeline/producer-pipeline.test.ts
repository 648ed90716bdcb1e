// The pure pipeline on a fake clock: request limits, buffered time, aligned results, retries, TTL expiry, reshard handling.
import { expect } from 'chai';
import { decodeAggregate } from '../../../../common/kpl/aggregate-codec';
import { RecordExpiredError, RecordRejectedError } from '../../../../producer/producer-errors';
import { ShardMap } from '../../../../producer/aggregation/shard-map';
import { uniformShards } from '../../../../producer/aggregation/uniform-shards';
import type { KinesisRecord } from '../../../../producer/pipeline/pending-record';
import { makePipeline, userRecord, type CapturedRecord } from './pipeline-harness';

const ok = (record: KinesisRecord, seq: number): { ShardId: string; SequenceNumber: string } => ({
  ShardId: record.predictedShardId ?? 'shardId-x',
  SequenceNumber: String(seq),
});

function putMany(
  count: number,
  now: number,
  add: (r: CapturedRecord) => void,
  size = 10,
  ttlMs = 30_000,
): CapturedRecord[] {
  const records = Array.from({ length: count }, (_, i) => userRecord(`key-${i}`, now, ttlMs, Buffer.alloc(size, 1)));
  records.forEach(add);
  return records;
}

describe('ProducerPipeline', () => {
  it('holds records until their buffered time, then sends them', () => {
    const { pipeline } = makePipeline({ recordMaxBufferedTime: 100 });
    putMany(10, 0, (r) => pipeline.add(r.pending));
    expect(pipeline.takeBatch(99, false)).to.equal(undefined);
    expect(pipeline.nextWakeAt(0)).to.equal(100);
    const batch = pipeline.takeBatch(100, false) ?? [];
    expect(batch.reduce((n, r) => n + r.users.length, 0)).to.equal(10);
  });

  it('never puts more than collectionMaxCount records or collectionMaxSize bytes in one request', () => {
    const { pipeline } = makePipeline({
      aggregationEnabled: false,
      collectionMaxCount: 7,
      collectionMaxSize: 60_000,
      rateLimit: 1e9,
    });
    putMany(40, 0, (r) => pipeline.add(r.pending), 10_000);
    const sizes: number[] = [];
    for (let batch = pipeline.takeBatch(0, true); batch !== undefined; batch = pipeline.takeBatch(0, true)) {
      expect(batch.length).to.be.at.most(7);
      expect(batch.reduce((n, r) => n + r.sizeBytes, 0)).to.be.at.most(60_000);
      sizes.push(batch.length);
    }
    expect(sizes.reduce((a, b) => a + b, 0)).to.equal(40);
  });

  it('sends a lone user record raw and several of one shard as one aggregate', () => {
    const { pipeline } = makePipeline({}, 1);
    const lone = makePipeline({}, 1);
    putMany(3, 0, (r) => pipeline.add(r.pending));
    putMany(1, 0, (r) => lone.pipeline.add(r.pending));
    const [aggregate] = pipeline.takeBatch(0, true) ?? [];
    const [raw] = lone.pipeline.takeBatch(0, true) ?? [];
    expect(decodeAggregate(aggregate.entry.Data).kind).to.equal('aggregated');
    expect(raw.aggregated).to.equal(false);
    expect(decodeAggregate(raw.entry.Data).kind).to.equal('not-aggregated');
  });

  it('settles each user record with the result at its own index', () => {
    const { pipeline } = makePipeline({ aggregationEnabled: false });
    const records = putMany(6, 0, (r) => pipeline.add(r.pending));
    const batch = pipeline.takeBatch(0, true) ?? [];
    const results = batch.map((r, i) =>
      i % 2 === 0 ? ok(r, i) : { ErrorCode: 'ProvisionedThroughputExceededException', ErrorMessage: 'slow down' },
    );
    pipeline.complete(batch, results, 1);
    batch.forEach((record, i) => {
      const outcome = records.find((r) => r.pending === record.users[0])?.outcome;
      if (i % 2 === 0) expect(outcome?.result?.sequenceNumber).to.equal(String(i));
      else expect(outcome?.result).to.equal(undefined);
    });
    const retried = pipeline.takeBatch(10_000, true) ?? [];
    expect(retried.map((r) => r.users[0])).to.deep.equal(batch.filter((_, i) => i % 2 === 1).map((r) => r.users[0]));
    expect(retried.every((r) => r.attempts === 2)).to.equal(true);
  });

  it('waits a jittered exponential backoff before a retry', () => {
    const { pipeline } = makePipeline({ minBackoffMs: 100, maxBackoffMs: 1_000 }, 4, () => 0.999);
    putMany(1, 0, (r) => pipeline.add(r.pending));
    let now = 0;
    const waits: number[] = [];
    for (let attempt = 1; attempt <= 6; attempt += 1) {
      const batch = pipeline.takeBatch(now, true) ?? [];
      expect(batch).to.have.length(1);
      pipeline.complete(batch, [{ ErrorCode: 'InternalFailure', ErrorMessage: 'x' }], now);
      const next = pipeline.nextWakeAt(now);
      waits.push(next - now);
      expect(pipeline.takeBatch(next - 1, true)).to.equal(undefined);
      now = next;
    }
    expect(waits).to.deep.equal([99, 199, 399, 799, 999, 999]);
  });

  it('fails a record with RecordExpiredError when its next retry would pass its TTL', () => {
    const { pipeline, stats } = makePipeline({ recordTtl: 1_000, minBackoffMs: 400, maxBackoffMs: 400 }, 4, () => 0.99);
    const [record] = putMany(1, 0, (r) => pipeline.add(r.pending), 10, 1_000);
    let now = 0;
    let failedAt = Infinity;
    for (let i = 0; i < 10 && record.outcome.error === undefined; i += 1) {
      const batch = pipeline.takeBatch(now, true);
      if (batch !== undefined)
        pipeline.complete(batch, [{ ErrorCode: 'ProvisionedThroughputExceededException', ErrorMessage: 'x' }], now);
      if (record.outcome.error !== undefined) failedAt = now;
      now = Math.min(pipeline.nextWakeAt(now), now + 1_000);
    }
    expect(record.outcome.error).to.be.instanceOf(RecordExpiredError);
    expect((record.outcome.error as RecordExpiredError).lastErrorCode).to.equal(
      'ProvisionedThroughputExceededException',
    );
    expect((record.outcome.error as RecordExpiredError).attempts).to.equal(3);
    expect(failedAt).to.equal(792);
    expect(stats.snapshot(0).throttles).to.be.greaterThan(0);
  });

  it('rejects at once on an error a retry cannot fix', () => {
    const { pipeline } = makePipeline({ aggregationEnabled: false });
    const [record] = putMany(1, 0, (r) => pipeline.add(r.pending));
    const batch = pipeline.takeBatch(0, true) ?? [];
    pipeline.complete(batch, [{ ErrorCode: 'AccessDeniedException', ErrorMessage: 'no' }], 0);
    expect(record.outcome.error).to.be.instanceOf(RecordRejectedError);
  });

  it('settles an aggregate that landed on a new shard holding all its user records, and re-routes all of one that did not', () => {
    const { pipeline, settled } = makePipeline({}, 2);
    const records = putMany(200, 0, (r) => pipeline.add(r.pending));
    const batch = pipeline.takeBatch(0, true) ?? [];
    expect(batch).to.have.length(2);
    // Reshard 2 -> 4: each old shard splits in two.
    const split = new ShardMap([...uniformShards(2).map((s) => ({ ...s, open: false })), ...uniformShards(4, 2)]);
    const stale = pipeline.complete(
      batch,
      batch.map((_, i) => ({ ShardId: `shardId-00000000000${2 + 2 * i}`, SequenceNumber: String(i) })),
      1,
    );
    expect(stale).to.equal(true);
    expect(settled).to.have.length(0);
    pipeline.setShardMap(split, 1);
    expect(settled).to.have.length(0);
    const again = pipeline.takeBatch(1, true) ?? [];
    expect(again.reduce((n, r) => n + r.users.length, 0)).to.equal(200);
    for (const record of again) {
      const decoded = decodeAggregate(record.entry.Data);
      if (decoded.kind !== 'aggregated') throw new Error('expected an aggregate');
      expect(record.users.every((u) => split.contains(record.predictedShardId ?? '', u.hashKey))).to.equal(true);
    }
    pipeline.complete(
      again,
      again.map((r, i) => ok(r, 10 + i)),
      2,
    );
    expect(records.every((r) => r.outcome.result !== undefined)).to.equal(true);
  });

  it('fails misrouted aggregates as expired when no shard map arrives before their deadline', () => {
    const { pipeline } = makePipeline({ recordTtl: 1_000 }, 1);
    const records = putMany(5, 0, (r) => pipeline.add(r.pending), 10, 1_000);
    const batch = pipeline.takeBatch(0, true) ?? [];
    expect(pipeline.complete(batch, [{ ShardId: 'shardId-000000000009', SequenceNumber: '1' }], 1)).to.equal(true);
    expect(pipeline.nextWakeAt(1)).to.equal(1_000);
    pipeline.takeBatch(999, false);
    expect(records.every((r) => r.outcome.error === undefined && r.outcome.result === undefined)).to.equal(true);
    pipeline.takeBatch(1_000, false);
    for (const record of records)
      expect((record.outcome.error as RecordExpiredError).lastErrorCode).to.equal('ShardMapUnavailable');
  });

  it('sends no more to a shard than its token bucket allows, and the rest as it refills', () => {
    const { pipeline } = makePipeline({ aggregationEnabled: false, rateLimit: 100 }, 1);
    putMany(2_500, 0, (r) => pipeline.add(r.pending));
    const sentAt = (now: number): number => {
      let sent = 0;
      for (let batch = pipeline.takeBatch(now, true); batch !== undefined; batch = pipeline.takeBatch(now, true))
        sent += batch.length;
      return sent;
    };
    expect(sentAt(0)).to.equal(1_000);
    expect(pipeline.nextWakeAt(0)).to.equal(1);
    expect(sentAt(500)).to.equal(500);
    expect(sentAt(2_000)).to.equal(1_000);
  });
});
