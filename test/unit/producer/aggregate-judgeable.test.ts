// Our producer aggregates only sub-records the consumer's shard-range guard can judge by partition key.
import { expect } from 'chai';
import { decodeAggregate } from '../../../common/kpl/aggregate-codec';
import { MAX_HASH_KEY, partitionKeyHash } from '../../../common/kpl/hash-key';
import { createProducer } from '../../../producer/create-producer';
import { NullTransport } from '../../../producer/transport/null-transport';

describe('aggregation and explicit hash keys', () => {
  it('sends a record raw when its explicit hash key differs from its partition key MD5, and aggregates an equal one', async () => {
    const transport = new NullTransport(
      [{ shardId: 'shardId-000000000000', startingHashKey: '0', endingHashKey: MAX_HASH_KEY.toString(), open: true }],
      true,
    );
    const producer = await createProducer({
      streamName: 's',
      transport,
      options: { recordMaxBufferedTime: 1_000, rateLimit: 1e9 },
    });
    const puts = [
      producer.put({ partitionKey: 'a', data: 'plain-1' }),
      producer.put({ partitionKey: 'b', data: 'plain-2' }),
      producer.put({ partitionKey: 'c', explicitHashKey: partitionKeyHash('c').toString(), data: 'same-hash' }),
      producer.put({ partitionKey: 'd', explicitHashKey: '12345', data: 'other-hash' }),
    ];
    await producer.close();
    const results = await Promise.all(puts);
    const entries = transport.sent.flat();
    const aggregated = entries.map((e) => decodeAggregate(e.Data)).filter((d) => d.kind === 'aggregated');
    expect(
      aggregated.flatMap((d) => (d.kind === 'aggregated' ? d.records.map((r) => r.partitionKey) : [])),
    ).to.deep.equal(['a', 'b', 'c']);
    expect(entries.find((e) => e.ExplicitHashKey === '12345')?.PartitionKey).to.equal('d');
    expect(results[3].subSequenceNumber).to.equal(undefined);
  });
});
