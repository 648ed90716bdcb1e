// Decodes a KPL aggregated record into its user records; the outcome is a result value, never a throw.
import { createHash } from 'node:crypto';
import { describeError } from '../errors';
import type { KplRecord } from './kpl-record';
import { DIGEST_BYTES, FRAMING_BYTES, KPL_MAGIC, MAGIC_BYTES, TAG } from './kpl-format';
import { WireFormatError } from './kpl-errors';
import { ProtobufReader } from './protobuf-reader';

export type AggregateDecodeResult =
  { kind: 'aggregated'; records: KplRecord[] } | { kind: 'not-aggregated' } | { kind: 'corrupt'; reason: string };

const NOT_AGGREGATED: AggregateDecodeResult = Object.freeze({ kind: 'not-aggregated' });

/** Whether `data` starts with the KPL magic. */
export function hasKplMagic(data: Uint8Array): boolean {
  return (
    data.length >= MAGIC_BYTES &&
    data[0] === KPL_MAGIC[0] &&
    data[1] === KPL_MAGIC[1] &&
    data[2] === KPL_MAGIC[2] &&
    data[3] === KPL_MAGIC[3]
  );
}

/**
 * "not-aggregated" when `data` does not start with the magic; "corrupt" when it does but is too short,
 * its MD5 does not match, its protobuf is invalid or an index is outside its table.
 * The records' `data` are views into `data` (no copy): keep `data` unchanged while you use them.
 */
export function decodeAggregate(data: Uint8Array): AggregateDecodeResult {
  if (!hasKplMagic(data)) return NOT_AGGREGATED;
  if (data.length < FRAMING_BYTES) {
    return corrupt(`${data.length} bytes: shorter than magic + MD5 (${FRAMING_BYTES} bytes)`);
  }
  const bytes = Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const protobufEnd = bytes.length - DIGEST_BYTES;
  const digest = createHash('md5').update(bytes.subarray(MAGIC_BYTES, protobufEnd)).digest();
  if (!digest.equals(bytes.subarray(protobufEnd))) return corrupt('MD5 digest does not match the protobuf bytes');
  try {
    return { kind: 'aggregated', records: parseAggregatedRecord(bytes, MAGIC_BYTES, protobufEnd) };
  } catch (error) {
    if (error instanceof WireFormatError) return corrupt(`invalid protobuf: ${error.message}`);
    return corrupt(`decoder failure: ${describeError(error)}`);
  }
}

function corrupt(reason: string): AggregateDecodeResult {
  return { kind: 'corrupt', reason };
}

/** Parses AggregatedRecord in any field order, skipping unknown fields, then resolves the table indexes. */
function parseAggregatedRecord(bytes: Buffer, start: number, end: number): KplRecord[] {
  const reader = new ProtobufReader(bytes, start, end);
  const partitionKeys: string[] = [];
  const hashKeys: string[] = [];
  const subRecords: number[] = []; // start, end pairs of each Record message
  while (!reader.done) {
    const tag = reader.varint();
    if (tag === TAG.records) {
      const from = reader.lengthDelimited();
      subRecords.push(from, reader.pos);
    } else if (tag === TAG.partitionKeyTable) {
      const from = reader.lengthDelimited();
      partitionKeys.push(bytes.toString('utf8', from, reader.pos));
    } else if (tag === TAG.explicitHashKeyTable) {
      const from = reader.lengthDelimited();
      hashKeys.push(bytes.toString('utf8', from, reader.pos));
    } else {
      reader.skipField(tag);
    }
  }
  const records: KplRecord[] = new Array<KplRecord>(subRecords.length / 2);
  for (let i = 0; i < subRecords.length; i += 2) {
    reader.reset(subRecords[i], subRecords[i + 1]);
    records[i / 2] = parseRecord(bytes, reader, i / 2, partitionKeys, hashKeys);
  }
  return records;
}

/** Parses the Record message the reader spans; `n` is its position, for messages. */
function parseRecord(
  bytes: Buffer,
  reader: ProtobufReader,
  n: number,
  partitionKeys: readonly string[],
  hashKeys: readonly string[],
): KplRecord {
  let pkIndex = -1;
  let ehkIndex = -1;
  let dataStart = -1;
  let dataEnd = -1;
  while (!reader.done) {
    const tag = reader.varint();
    if (tag === TAG.partitionKeyIndex) {
      pkIndex = reader.varint();
    } else if (tag === TAG.explicitHashKeyIndex) {
      ehkIndex = reader.varint();
    } else if (tag === TAG.data) {
      dataStart = reader.lengthDelimited();
      dataEnd = reader.pos;
    } else {
      reader.skipField(tag); // tags (field 4) and unknown fields
    }
  }
  if (pkIndex < 0) throw new WireFormatError(`record ${n} lacks the required partition_key_index`);
  if (dataStart < 0) throw new WireFormatError(`record ${n} lacks the required data`);
  if (pkIndex >= partitionKeys.length) {
    throw new WireFormatError(
      `record ${n} partition_key_index ${pkIndex} is outside the table of ${partitionKeys.length}`,
    );
  }
  const data = bytes.subarray(dataStart, dataEnd);
  if (ehkIndex < 0) return { partitionKey: partitionKeys[pkIndex], data };
  if (ehkIndex >= hashKeys.length) {
    throw new WireFormatError(
      `record ${n} explicit_hash_key_index ${ehkIndex} is outside the table of ${hashKeys.length}`,
    );
  }
  return { partitionKey: partitionKeys[pkIndex], explicitHashKey: hashKeys[ehkIndex], data };
}
