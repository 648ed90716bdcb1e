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
 * Identities of user records found inside a record the daemon delivered still aggregated (a producer aggregated
 * twice: the daemon took the outer aggregate apart, sub-sequence number `s`, and each part is itself an aggregate).
 * Inner record `i` of part `s` gets sub-sequence number NESTED_BASE + s * NESTED_STRIDE + i:
 * - stable across replays (it depends only on `s` and `i`, both fixed by the bytes the producer wrote);
 * - disjoint from every single-level sub-sequence number (those are below 2^30: a 1 MiB record holds far fewer);
 * - at most 2^31 - 1, so it fits the sinks' 32-bit `sub_sequence_number` column.
 * Records delivered without a sub-sequence number did not come through the daemon (a replay that bypassed it): their
 * inner records get 0..n-1, the identities the daemon would have given. Within one sequence number the nested
 * identities sort after the single-level ones; the daemon hands all parts of one Kinesis record over in one action,
 * so they always fall in one batch.
 */
export const NESTED_BASE = 2 ** 30;
export const NESTED_STRIDE = 2 ** 15;

/**
 * The daemon de-aggregates KPL records itself; one that still carries the magic had a bad MD5 or protobuf
 * (rejected as corrupt, raw bytes kept), was aggregated twice (see NESTED_BASE), or bypassed the daemon.
 */
export function decodeDelivered(
  shardId: string,
  delivered: DeliveredRecord,
  limits: PayloadLimits = DEFAULT_PAYLOAD_LIMITS,
  receivedAt?: number,
): DecodedRecord[] {
  const base: UserRecord = {
    shardId,
    sequenceNumber: String(delivered.sequenceNumber),
    subSequenceNumber: typeof delivered.subSequenceNumber === 'number' ? delivered.subSequenceNumber : 0,
    partitionKey: typeof delivered.partitionKey === 'string' ? delivered.partitionKey : '',
    approximateArrivalTimestamp:
      typeof delivered.approximateArrivalTimestamp === 'number' ? delivered.approximateArrivalTimestamp : Date.now(),
    data: typeof delivered.data === 'string' ? Buffer.from(delivered.data, 'base64') : Buffer.alloc(0),
    // When the processor got it (epoch ms); every user record of an aggregate inherits it through `...base`.
    ...(receivedAt === undefined ? {} : { receivedAt }),
  };
  const aggregate = decodeAggregate(base.data);
  if (aggregate.kind === 'not-aggregated') return [parsePayload(base, limits)];
  if (aggregate.kind === 'corrupt') {
    return [{ kind: 'rejected', record: base, reason: 'corrupt-aggregate', detail: aggregate.reason }];
  }
  const outer = typeof delivered.subSequenceNumber === 'number' ? delivered.subSequenceNumber : undefined;
  if (outer !== undefined && (outer >= NESTED_STRIDE || aggregate.records.length > NESTED_STRIDE)) {
    return [
      {
        kind: 'rejected',
        record: base,
        reason: 'nested-aggregate-too-large',
        detail: `part ${outer} of ${aggregate.records.length} records exceeds the nested identity space (${NESTED_STRIDE} x ${NESTED_STRIDE})`,
      },
    ];
  }
  return aggregate.records.map((inner, index) =>
    parsePayload(
      {
        ...base,
        subSequenceNumber: outer === undefined ? index : NESTED_BASE + outer * NESTED_STRIDE + index,
        partitionKey: inner.partitionKey,
        ...(inner.explicitHashKey === undefined ? {} : { explicitHashKey: inner.explicitHashKey }),
        data: Buffer.from(inner.data.buffer, inner.data.byteOffset, inner.data.byteLength),
      },
      limits,
    ),
  );
}
