// Constants of the KPL aggregated record format: magic, digest size and the protobuf tags of AggregatedRecord.

/** The four bytes every KPL aggregated record starts with. */
export const KPL_MAGIC: Buffer = Buffer.from([0xf3, 0x89, 0x9a, 0xc2]);
export const MAGIC_BYTES = 4;
/** An MD5 digest of the protobuf bytes closes every aggregated record. */
export const DIGEST_BYTES = 16;
/** Bytes an aggregate carries besides its protobuf message. */
export const FRAMING_BYTES = MAGIC_BYTES + DIGEST_BYTES;

/** Tag bytes (field number << 3 | wire type) of AggregatedRecord and Record, all fields numbered below 16. */
export const TAG = {
  partitionKeyTable: 0x0a, // AggregatedRecord.partition_key_table = 1, length-delimited
  explicitHashKeyTable: 0x12, // AggregatedRecord.explicit_hash_key_table = 2, length-delimited
  records: 0x1a, // AggregatedRecord.records = 3, length-delimited
  partitionKeyIndex: 0x08, // Record.partition_key_index = 1, varint
  explicitHashKeyIndex: 0x10, // Record.explicit_hash_key_index = 2, varint
  data: 0x1a, // Record.data = 3, length-delimited
} as const;
