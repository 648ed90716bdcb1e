// The fan-out bridge's reading of SubscribeToShard messages and requests, and the shard-end event it writes in their place.
import { expect } from 'chai';
import { cbor } from '@smithy/core/cbor';
import { EventStreamCodec } from '@smithy/core/event-streams';
import {
  readSubscriptionMessage,
  readSubscriptionTarget,
  shardEndEvent,
  splitMessages,
} from '../../../../local/stand-ins/subscription-event-stream';

const codec = new EventStreamCodec(
  (bytes: Uint8Array) => Buffer.from(bytes).toString('utf8'),
  (text: string) => new Uint8Array(Buffer.from(text, 'utf8')),
);
const CONSUMER = 'arn:aws:kinesis:us-east-1:000000000000:stream/city/consumer/app:1700000000';
const CHILDREN = [
  {
    ShardId: 'shardId-000000000002',
    ParentShards: ['shardId-000000000000'],
    HashKeyRange: { StartingHashKey: '0', EndingHashKey: '9' },
  },
];

function event(payload: unknown, contentType = 'application/json'): Buffer {
  const body = contentType.includes('cbor')
    ? cbor.serialize(payload)
    : new Uint8Array(Buffer.from(JSON.stringify(payload), 'utf8'));
  return Buffer.from(
    codec.encode({
      headers: {
        ':message-type': { type: 'string', value: 'event' },
        ':event-type': { type: 'string', value: 'SubscribeToShardEvent' },
        ':content-type': { type: 'string', value: contentType },
      },
      body,
    }),
  );
}

describe('subscription event stream (fan-out bridge)', () => {
  it('splits bytes into whole messages and keeps the unfinished rest', () => {
    const one = event({ Records: [], ContinuationSequenceNumber: '1', MillisBehindLatest: 0 });
    const two = event({ Records: [{}], ContinuationSequenceNumber: '2', MillisBehindLatest: 0 });
    const { messages, rest } = splitMessages(Buffer.concat([one, two.subarray(0, 10)]));
    expect(messages).to.have.length(1);
    expect(rest.length).to.equal(10);
    expect(splitMessages(Buffer.concat([rest, two.subarray(10)])).messages).to.have.length(1);
  });

  it('reads records and continuation of an event, and the type of an exception', () => {
    expect(readSubscriptionMessage(event({ Records: [{}, {}], ContinuationSequenceNumber: '42' }))).to.deep.equal({
      kind: 'event',
      records: 2,
      continuation: '42',
    });
    const refused = Buffer.from(
      codec.encode({
        headers: {
          ':message-type': { type: 'string', value: 'exception' },
          ':exception-type': { type: 'string', value: 'ResourceInUseException' },
        },
        body: new Uint8Array(Buffer.from('{"message":"in use"}')),
      }),
    );
    expect(readSubscriptionMessage(refused)).to.deep.equal({
      kind: 'exception',
      exceptionType: 'ResourceInUseException',
    });
    expect(readSubscriptionMessage(Buffer.from('not a message at all'))).to.deep.equal({ kind: 'other' });
  });

  it('reads the stream ARN and shard of a JSON or CBOR request', () => {
    const request = { ConsumerARN: CONSUMER, ShardId: 'shardId-000000000000', StartingPosition: { Type: 'LATEST' } };
    const expected = {
      streamArn: 'arn:aws:kinesis:us-east-1:000000000000:stream/city',
      shardId: 'shardId-000000000000',
    };
    expect(readSubscriptionTarget(Buffer.from(JSON.stringify(request)), 'application/x-amz-json-1.1')).to.deep.equal(
      expected,
    );
    expect(readSubscriptionTarget(Buffer.from(cbor.serialize(request)), 'application/x-amz-cbor-1.1')).to.deep.equal(
      expected,
    );
    expect(readSubscriptionTarget(Buffer.from('{'), 'application/x-amz-json-1.1')).to.equal(undefined);
  });

  for (const contentType of ['application/json', 'application/x-amz-cbor-1.1'])
    it(`writes the shard-end event in the template's encoding (${contentType})`, () => {
      const template = event({ Records: [], ContinuationSequenceNumber: '7', MillisBehindLatest: 0 }, contentType);
      const written = shardEndEvent(template, CHILDREN);
      expect(readSubscriptionMessage(written)).to.deep.equal({ kind: 'event', records: 0, continuation: undefined });
      const decoded = codec.decode(written);
      const payload = (
        contentType.includes('cbor')
          ? cbor.deserialize(decoded.body)
          : JSON.parse(Buffer.from(decoded.body).toString('utf8'))
      ) as Record<string, unknown>;
      expect(payload).to.deep.equal({ Records: [], MillisBehindLatest: 0, ChildShards: CHILDREN });
      expect(decoded.headers[':event-type']).to.deep.equal({ type: 'string', value: 'SubscribeToShardEvent' });
    });
});
