// The identity and shape of one user record as the consumer sees it (after KPL de-aggregation).

/** What makes a user record unique in a stream: sinks are idempotent on this triple. */
export interface RecordIdentity {
  readonly shardId: string;
  readonly sequenceNumber: string;
  readonly subSequenceNumber: number;
}

export interface UserRecord extends RecordIdentity {
  readonly partitionKey: string;
  readonly explicitHashKey?: string;
  /** Epoch milliseconds when Kinesis accepted the (aggregated) record. */
  readonly approximateArrivalTimestamp: number;
  /** Epoch milliseconds when this consumer received the record in `processRecords` (lineage, not identity); absent outside the processor. */
  readonly receivedAt?: number;
  readonly data: Buffer;
}

/** A stable text key for a record identity, ordered within a shard by (sequence, sub-sequence). */
export function identityKey(identity: RecordIdentity): string {
  return `${identity.shardId}/${identity.sequenceNumber}/${identity.subSequenceNumber}`;
}

/** Orders two positions in the same shard: negative, zero or positive. */
export function compareIdentity(a: Omit<RecordIdentity, 'shardId'>, b: Omit<RecordIdentity, 'shardId'>): number {
  const seqA = BigInt(a.sequenceNumber);
  const seqB = BigInt(b.sequenceNumber);
  if (seqA !== seqB) return seqA < seqB ? -1 : 1;
  return a.subSequenceNumber - b.subSequenceNumber;
}
