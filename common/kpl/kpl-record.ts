// One user record inside a KPL aggregated record: what the producer puts in and the consumer gets out.

export interface KplRecord {
  readonly partitionKey: string;
  /** Decimal 128-bit hash key that overrides the partition key's MD5 for routing; absent when not set. */
  readonly explicitHashKey?: string;
  readonly data: Uint8Array;
}
