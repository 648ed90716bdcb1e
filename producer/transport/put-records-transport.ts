// The port between the producer's pure pipeline and Kinesis: PutRecords and ListShards, nothing else.

/** One entry of a PutRecords request, field names as in the Kinesis API. */
export interface PutRecordsEntry {
  readonly Data: Uint8Array;
  readonly PartitionKey: string;
  readonly ExplicitHashKey?: string;
}

/** One aligned result entry: either ShardId + SequenceNumber, or ErrorCode + ErrorMessage. */
export interface PutRecordsResultEntry {
  readonly ShardId?: string;
  readonly SequenceNumber?: string;
  readonly ErrorCode?: string;
  readonly ErrorMessage?: string;
}

/** A shard and its hash-key range (decimal strings); `open` when it has no EndingSequenceNumber. */
export interface ShardRange {
  readonly shardId: string;
  readonly startingHashKey: string;
  readonly endingHashKey: string;
  readonly open: boolean;
}

export interface PutRecordsTransport {
  /** Sends one request; the result has one entry per input entry, in order. Throws on whole-request failure. */
  putRecords(entries: readonly PutRecordsEntry[]): Promise<readonly PutRecordsResultEntry[]>;
  /** Every shard of the stream (all pages), open and closed. */
  listShards(): Promise<readonly ShardRange[]>;
}
