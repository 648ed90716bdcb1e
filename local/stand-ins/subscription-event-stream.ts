// Reads and writes the event-stream messages of a SubscribeToShard response, and the request's consumer and shard, for the fan-out bridge.
import { cbor } from '@smithy/core/cbor';
import { EventStreamCodec } from '@smithy/core/event-streams';
import type { Message } from '@smithy/types';
import type { ProbedChildShard } from './kinesis-shard-end-probe';

const codec = new EventStreamCodec(
  (bytes: Uint8Array) => Buffer.from(bytes).toString('utf8'),
  (text: string) => new Uint8Array(Buffer.from(text, 'utf8')),
);

/** What the bridge needs to know of one message of a SubscribeToShard response. */
export type SubscriptionMessage =
  | { readonly kind: 'event'; readonly records: number; readonly continuation: string | undefined }
  | { readonly kind: 'exception'; readonly exceptionType: string }
  | { readonly kind: 'other' };

/** The SubscribeToShard request's target: the stream ARN is the consumer ARN up to `/consumer/`. */
export interface SubscriptionTarget {
  readonly streamArn: string;
  readonly shardId: string;
}

/**
 * Splits a byte stream into whole event-stream messages: each starts with its total length (4 bytes, big-endian;
 * "Amazon EventStream encoding", AWS SDK event stream docs). Returns the messages and the unfinished rest.
 */
export function splitMessages(buffer: Buffer): { messages: Buffer[]; rest: Buffer } {
  const messages: Buffer[] = [];
  let rest = buffer;
  while (rest.length >= 4 && rest.length >= rest.readUInt32BE(0)) {
    const length = rest.readUInt32BE(0);
    messages.push(rest.subarray(0, length));
    rest = rest.subarray(length);
  }
  return { messages, rest };
}

/** Parses the request body (JSON, or CBOR when the SDK sends `application/x-amz-cbor-1.1`); undefined if unreadable. */
export function readSubscriptionTarget(body: Buffer, contentType: string | undefined): SubscriptionTarget | undefined {
  try {
    const parsed = (contentType ?? '').includes('cbor')
      ? (cbor.deserialize(new Uint8Array(body)) as Record<string, unknown>)
      : (JSON.parse(body.toString('utf8')) as Record<string, unknown>);
    const consumerArn = parsed.ConsumerARN;
    const shardId = parsed.ShardId;
    if (typeof consumerArn !== 'string' || typeof shardId !== 'string') return undefined;
    const at = consumerArn.indexOf('/consumer/');
    return at < 0 ? undefined : { streamArn: consumerArn.slice(0, at), shardId };
  } catch {
    return undefined;
  }
}

/** Reads one whole message; `records` counts SubscribeToShardEvent.Records. */
export function readSubscriptionMessage(bytes: Buffer): SubscriptionMessage {
  let message: Message;
  try {
    message = codec.decode(bytes);
  } catch {
    return { kind: 'other' };
  }
  const header = (name: string): string | undefined => {
    const value = message.headers[name];
    return value?.type === 'string' ? value.value : undefined;
  };
  if (header(':message-type') === 'exception')
    return { kind: 'exception', exceptionType: header(':exception-type') ?? '' };
  if (header(':message-type') !== 'event' || header(':event-type') !== 'SubscribeToShardEvent')
    return { kind: 'other' };
  const payload = decodePayload(message.body, header(':content-type'));
  if (payload === undefined) return { kind: 'other' };
  const records = Array.isArray(payload.Records) ? payload.Records.length : 0;
  const continuation =
    typeof payload.ContinuationSequenceNumber === 'string' ? payload.ContinuationSequenceNumber : undefined;
  return { kind: 'event', records, continuation };
}

/**
 * The event Kinesis sends when a subscription has read its closed shard to the end (SubscribeToShardEvent:
 * ContinuationSequenceNumber null, ChildShards set; the KCL's FanOutRecordsPublisher then reports SHARD_END), built on
 * the headers and payload encoding of an event the stand-in sent.
 */
export function shardEndEvent(template: Buffer, children: readonly ProbedChildShard[]): Buffer {
  const message = codec.decode(template);
  const contentType = message.headers[':content-type'];
  const event = { Records: [], MillisBehindLatest: 0, ChildShards: children };
  const body =
    contentType?.type === 'string' && contentType.value.includes('cbor')
      ? cbor.serialize(event)
      : new Uint8Array(Buffer.from(JSON.stringify(event), 'utf8'));
  return Buffer.from(codec.encode({ headers: message.headers, body }));
}

function decodePayload(body: Uint8Array, contentType: string | undefined): Record<string, unknown> | undefined {
  try {
    const value: unknown = (contentType ?? '').includes('cbor')
      ? cbor.deserialize(body)
      : JSON.parse(Buffer.from(body).toString('utf8'));
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
