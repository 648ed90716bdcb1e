// The shard-range guard: looks its range up at initialize (with retries), filters with it, runs unfiltered when it never learns it.
import { expect } from 'chai';
import { NullLogger } from '../../../../common/logger';
import { MAX_HASH_KEY, partitionKeyHash } from '../../../../common/kpl/hash-key';
import type { DeliveredRecord } from '../../../../consumer/decode/record-decoder';
import { ShardRangeGuard } from '../../../../consumer/reshard/shard-range-guard';
import type { HashKeyRange } from '../../../../consumer/reshard/shard-range-filter';

const HALF = MAX_HASH_KEY / 2n;
const upperKey = ((): string => {
  for (let i = 0; ; i += 1) if (partitionKeyHash(`u${i}`) > HALF) return `u${i}`;
})();
const aggregateOutsideLowHalf: DeliveredRecord[] = [0, 1].map((i) => ({
  data: '',
  partitionKey: upperKey,
  sequenceNumber: '9',
  subSequenceNumber: i,
}));

describe('ShardRangeGuard', () => {
  it('retries a failing lookup, then filters with the range it found', async () => {
    let calls = 0;
    const waits: number[] = [];
    const guard = new ShardRangeGuard({
      logger: new NullLogger(),
      sleep: async (ms) => {
        waits.push(ms);
      },
      lookup: async (): Promise<HashKeyRange> => {
        calls += 1;
        if (calls < 3) throw new Error('ResourceNotFoundException');
        return { startingHashKey: 0n, endingHashKey: HALF };
      },
    });
    await guard.begin('shardId-000000000004');
    expect(
      await guard.apply(aggregateOutsideLowHalf.slice(0, 1)),
      'a lone record passes without waiting',
    ).to.have.length(1);
    expect(await guard.apply(aggregateOutsideLowHalf)).to.deep.equal([]);
    expect(calls).to.equal(3);
    expect(waits, 'the default policy waits 250 then 500 ms, unjittered').to.deep.equal([250, 500]);
    expect(guard.droppedSoFar).to.deep.equal({ aggregates: 1, records: 2 });
  });

  it('keeps every record when the range stays unknown (a duplicate is better than a loss)', async () => {
    let calls = 0;
    const guard = new ShardRangeGuard({
      logger: new NullLogger(),
      sleep: async () => undefined,
      retryPolicy: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 1 },
      lookup: async () => {
        calls += 1;
        return undefined;
      },
    });
    await guard.begin('shardId-000000000004');
    expect(await guard.apply(aggregateOutsideLowHalf)).to.deep.equal(aggregateOutsideLowHalf);
    expect(calls, 'bounded by the policy').to.equal(2);
  });
});
