// The producer's in-flight units: a user record awaiting its outcome, and a Kinesis record (raw or aggregated) carrying some.
import type { KplRecord } from '../../common/kpl/kpl-record';
import type { PutRecordsEntry } from '../transport/put-records-transport';

/** What put() resolves with once Kinesis has accepted the user record. */
export interface PutResult {
  readonly shardId: string;
  readonly sequenceNumber: string;
  /** Position inside the aggregated record; absent when the user record went out raw. */
  readonly subSequenceNumber?: number;
  /** PutRecords attempts it took, counting the successful one. */
  readonly attempts: number;
}

/** A user record from put() until it is settled; it is itself the KplRecord the aggregate holds (one allocation less per record). */
export interface PendingRecord extends KplRecord {
  readonly hashKey: bigint;
  /** Data plus UTF-8 partition key bytes: what Kinesis counts against quotas. */
  readonly sizeBytes: number;
  readonly arrivedAt: number;
  readonly deadline: number;
  attempts: number;
  lastErrorCode: string | undefined;
  readonly resolve: (result: PutResult) => void;
  readonly reject: (error: Error) => void;
}

/** One entry of a PutRecords request and the user records it carries. */
export interface KinesisRecord {
  /** The shard the router predicted; undefined when no open shard was known for the hash key. */
  readonly predictedShardId: string | undefined;
  readonly entry: PutRecordsEntry;
  readonly users: readonly PendingRecord[];
  readonly aggregated: boolean;
  readonly sizeBytes: number;
  /** When the collector should send it even if its request is not full. */
  readonly dueAt: number;
  /** The earliest TTL deadline of its user records. */
  readonly deadline: number;
  /** Not sent before this time (retry backoff). */
  notBefore: number;
  attempts: number;
}
