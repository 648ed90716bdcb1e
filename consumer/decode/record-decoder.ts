// Turns one record delivered by the daemon into its user records (de-aggregating KPL records the daemon passed through) and decodes each.
import { decodeAggregate } from '../../common/kpl/aggregate-codec';
import type { UserRecord } from '../../common/user-record';
import type { DecodedRecord } from './decoded-record';
import { parsePayload, DEFAULT_PAYLOAD_LIMITS, type PayloadLimits } from './payload-parser';

/** A record as the multilang protocol carries it. */
export interface DeliveredRecord {
  readonly data: string;
  readonly partitionKey: string;
  readonly sequenceNumber: string;
  readonly subSequenceNumber?: number;
  readonly approximateArrivalTimestamp?: number;
}

/**
 * The daemon de-aggregates KPL records itself; one that still carries the magic had a bad MD5 or protobuf
 * (rejected as corrupt, raw bytes kept), was aggregated twice, or bypassed the daemon. A valid one is expanded
 * here with sub-sequence numbers 0..n-1, the identities the daemon would have given.
 */
export function decodeDelivered(shardId: string, delivered: DeliveredRecord, limits: PayloadLimits = DEFAULT_PAYLOAD_LIMITS): DecodedRecord[] {
  const base: UserRecord = {
    shardId,
    sequenceNumber: String(delivered.sequenceNumber),
    subSequenceNumber: typeof delivered.subSequenceNumber === 'number' ? delivered.subSequenceNumber : 0,
    partitionKey: typeof delivered.partitionKey === 'string' ? delivered.partitionKey : '',
    approximateArrivalTimestamp: typeof delivered.approximateArrivalTimestamp === 'number' ? delivered.approximateArrivalTimestamp : Date.now(),
    data: typeof delivered.data === 'string' ? Buffer.from(delivered.data, 'base64') : Buffer.alloc(0),
  };
  const aggregate = decodeAggregate(base.data);
  if (aggregate.kind === 'not-aggregated') return [parsePayload(base, limits)];
  if (aggregate.kind === 'corrupt') {
    return [{ kind: 'rejected', record: base, reason: 'corrupt-aggregate', detail: aggregate.reason }];
  }
  return aggregate.records.map((inner, index) => parsePayload({
    ...base,
    subSequenceNumber: index,
    partitionKey: inner.partitionKey,
    ...(inner.explicitHashKey === undefined ? {} : { explicitHashKey: inner.explicitHashKey }),
    data: Buffer.from(inner.data.buffer, inner.data.byteOffset, inner.data.byteLength),
  }, limits));
}
