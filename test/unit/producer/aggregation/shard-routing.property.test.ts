// Property: whatever the keys and the shard map, every aggregate holds only user records of the shard it is sent to.
import { expect } from 'chai';
import fc from 'fast-check';
import { decodeAggregate } from '../../../../common/kpl/aggregate-codec';
import { effectiveHashKey, MAX_HASH_KEY } from '../../../../common/kpl/hash-key';
import { createProducer } from '../../../../producer/create-producer';
import { NullTransport } from '../../../../producer/transport/null-transport';
import type { ShardRange } from '../../../../producer/transport/put-records-transport';
import { ShardMap } from '../../../../producer/aggregation/shard-map';

const shardMapArb = fc
  .uniqueArray(fc.bigInt({ min: 1n, max: MAX_HASH_KEY }), { maxLength: 12 })
  .map((cuts): ShardRange[] => {
    const starts = [0n, ...cuts.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))];
    return starts.map((start, i) => ({
      shardId: `shardId-${String(i).padStart(12, '0')}`,
      startingHashKey: start.toString(),
      endingHashKey: (i + 1 < starts.length ? starts[i + 1] - 1n : MAX_HASH_KEY).toString(),
      open: true,
    }));
  });

const recordArb = fc.record({
  partitionKey: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }),
  explicitHashKey: fc.option(fc.bigInt({ min: 0n, max: MAX_HASH_KEY }).map(String), { nil: undefined }),
  data: fc.uint8Array({ maxLength: 300 }),
});

describe('shard-aware aggregation (property)', () => {
  it('never puts user records of two shards into one aggregate', async () => {
    await fc.assert(
      fc.asyncProperty(
        shardMapArb,
        fc.array(recordArb, { minLength: 1, maxLength: 300 }),
        fc.integer({ min: 200, max: 51_200 }),
        async (shards, records, maxSize) => {
          const transport = new NullTransport(shards, true);
          const producer = await createProducer({
            streamName: 's',
            transport,
            options: { aggregationMaxSize: maxSize, recordMaxBufferedTime: 1_000, rateLimit: 1e9 },
          });
          const puts = records.map((r) => producer.put(r));
          await producer.close();
          const results = await Promise.all(puts);
          const map = new ShardMap(shards);
          let userRecords = 0;
          for (const entry of transport.sent.flat()) {
            const target = map.shardFor(effectiveHashKey(entry.PartitionKey, entry.ExplicitHashKey)) ?? '';
            const decoded = decodeAggregate(entry.Data);
            if (decoded.kind === 'aggregated') {
              expect(entry.Data.length).to.be.at.most(maxSize);
              for (const sub of decoded.records)
                expect(map.contains(target, effectiveHashKey(sub.partitionKey, sub.explicitHashKey))).to.equal(true);
              userRecords += decoded.records.length;
            } else {
              userRecords += 1;
            }
          }
          expect(userRecords).to.equal(records.length);
          results.forEach((result, i) =>
            expect(
              map.contains(result.shardId, effectiveHashKey(records[i].partitionKey, records[i].explicitHashKey)),
            ).to.equal(true),
          );
        },
      ),
      { numRuns: 60 },
    );
  });
});
