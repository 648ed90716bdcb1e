// The shard-range filter: whole aggregates outside the shard are dropped, exactly when the producer resends them.
import { expect } from 'chai';
import fc from 'fast-check';
import { MAX_HASH_KEY, partitionKeyHash } from '../../../../common/kpl/hash-key';
import type { DeliveredRecord } from '../../../../consumer/decode/record-decoder';
import { filterOutsideRange, type HashKeyRange } from '../../../../consumer/reshard/shard-range-filter';

const HALF = MAX_HASH_KEY / 2n;
const LOW: HashKeyRange = { startingHashKey: 0n, endingHashKey: HALF };

/** A partition key whose MD5 lies in the lower (true) or upper (false) half of the hash space. */
function keyIn(lower: boolean, seed: number): string {
  for (let i = seed; ; i += 1) if (partitionKeyHash(`k${i}`) <= HALF === lower) return `k${i}`;
}

function sub(sequenceNumber: string, subSequenceNumber: number, partitionKey: string): DeliveredRecord {
  return {
    data: Buffer.from(`${sequenceNumber}/${subSequenceNumber}`).toString('base64'),
    partitionKey,
    sequenceNumber,
    subSequenceNumber,
  };
}

describe('filterOutsideRange', () => {
  it('drops every sub-record of an aggregate when one of them lies outside the range', () => {
    const records = [sub('100', 0, keyIn(true, 0)), sub('100', 1, keyIn(false, 0)), sub('100', 2, keyIn(true, 50))];
    const result = filterOutsideRange(records, LOW);
    expect(result.kept).to.deep.equal([]);
    expect({ aggregates: result.droppedAggregates, records: result.droppedRecords }).to.deep.equal({
      aggregates: 1,
      records: 3,
    });
  });

  it('keeps aggregates wholly inside the range and every record alone under its sequence number', () => {
    const inside = [sub('100', 0, keyIn(true, 0)), sub('100', 1, keyIn(true, 10))];
    const plainOutside = sub('101', 0, keyIn(false, 0));
    const outside = [sub('102', 0, keyIn(false, 20)), sub('102', 1, keyIn(false, 30))];
    const result = filterOutsideRange([...inside, plainOutside, ...outside], LOW);
    expect(result.kept).to.deep.equal([...inside, plainOutside]);
    expect(result.droppedAggregates).to.equal(1);
  });

  it('treats both ends of the range as inside', () => {
    const a = keyIn(true, 0);
    const b = keyIn(true, 10);
    const exact: HashKeyRange = {
      startingHashKey: partitionKeyHash(a) < partitionKeyHash(b) ? partitionKeyHash(a) : partitionKeyHash(b),
      endingHashKey: partitionKeyHash(a) < partitionKeyHash(b) ? partitionKeyHash(b) : partitionKeyHash(a),
    };
    expect(filterOutsideRange([sub('7', 0, a), sub('7', 1, b)], exact).droppedAggregates).to.equal(0);
  });

  it('keeps an aggregate exactly when the producer would settle it on that shard instead of resending (property)', () => {
    const rangeArb = fc
      .tuple(fc.bigInt({ min: 0n, max: MAX_HASH_KEY }), fc.bigInt({ min: 0n, max: MAX_HASH_KEY }))
      .map(([a, b]): HashKeyRange =>
        a <= b ? { startingHashKey: a, endingHashKey: b } : { startingHashKey: b, endingHashKey: a },
      );
    fc.assert(
      fc.property(
        rangeArb,
        fc.array(fc.string({ minLength: 1, maxLength: 12 }), { minLength: 2, maxLength: 20 }),
        (range, keys) => {
          const records = keys.map((k, i) => sub('55', i, k));
          const producerSettles = keys.every((k) => {
            const h = partitionKeyHash(k);
            return h >= range.startingHashKey && h <= range.endingHashKey;
          });
          expect(filterOutsideRange(records, range).kept.length === records.length).to.equal(producerSettles);
        },
      ),
    );
  });
});
