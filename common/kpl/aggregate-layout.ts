// The exact byte layout of one aggregate under construction: deduplicated key tables, O(1) size accounting, writing.
import { createHash } from 'node:crypto';
import { ToolkitError } from '../errors';
import type { KplRecord } from './kpl-record';
import { DIGEST_BYTES, FRAMING_BYTES, KPL_MAGIC, MAGIC_BYTES, TAG } from './kpl-format';
import { varintSize, writeVarint } from './protobuf-varint';

/** One string table (partition keys or explicit hash keys): first-seen order, UTF-8 lengths, index by value. */
class KeyTable {
  readonly values: string[] = [];
  readonly byteLengths: number[] = [];
  readonly indexOf = new Map<string, number>();
}

/** Bytes a table entry or an embedded message of `length` bytes takes with its one-byte tag. */
function fieldSize(length: number): number {
  return 1 + varintSize(length) + length;
}

export class AggregateLayout {
  private readonly partitionKeys = new KeyTable();
  private readonly hashKeys = new KeyTable();
  private readonly entries: KplRecord[] = [];
  private readonly pkIndexes: number[] = [];
  private readonly ehkIndexes: number[] = []; // -1 when the record has no explicit hash key
  private readonly bodyLengths: number[] = [];
  private protobufBytes = 0;
  // What the last measure() found, reused by commit() so a tryAdd() reads each key once.
  private nextPk = 0;
  private nextPkBytes = -1; // >= 0 when the partition key is new
  private nextEhk = -1;
  private nextEhkBytes = -1;
  private nextBody = 0;

  get count(): number {
    return this.entries.length;
  }

  get records(): readonly KplRecord[] {
    return this.entries;
  }

  /** Size of the aggregate build() would write now. */
  get sizeBytes(): number {
    return FRAMING_BYTES + this.protobufBytes;
  }

  /** Protobuf bytes that adding `record` would add; remembers what it found for commit(). */
  measure(record: KplRecord): number {
    let added = 0;
    const pk = record.partitionKey;
    const knownPk = this.partitionKeys.indexOf.get(pk);
    if (knownPk === undefined) {
      this.nextPk = this.partitionKeys.values.length;
      this.nextPkBytes = Buffer.byteLength(pk, 'utf8');
      added += fieldSize(this.nextPkBytes);
    } else {
      this.nextPk = knownPk;
      this.nextPkBytes = -1;
    }
    let body = 1 + varintSize(this.nextPk);
    const ehk = record.explicitHashKey;
    this.nextEhkBytes = -1;
    if (ehk === undefined) {
      this.nextEhk = -1;
    } else {
      const knownEhk = this.hashKeys.indexOf.get(ehk);
      if (knownEhk === undefined) {
        this.nextEhk = this.hashKeys.values.length;
        this.nextEhkBytes = Buffer.byteLength(ehk, 'utf8');
        added += fieldSize(this.nextEhkBytes);
      } else {
        this.nextEhk = knownEhk;
      }
      body += 1 + varintSize(this.nextEhk);
    }
    body += fieldSize(record.data.length);
    this.nextBody = body;
    return added + fieldSize(body);
  }

  /** Adds `record`, which must be the one measure() saw last, growing the size by `added`. */
  commit(record: KplRecord, added: number): void {
    if (this.nextPkBytes >= 0) this.addKey(this.partitionKeys, record.partitionKey, this.nextPkBytes);
    if (this.nextEhkBytes >= 0) this.addKey(this.hashKeys, record.explicitHashKey as string, this.nextEhkBytes);
    this.entries.push(record);
    this.pkIndexes.push(this.nextPk);
    this.ehkIndexes.push(this.nextEhk);
    this.bodyLengths.push(this.nextBody);
    this.protobufBytes += added;
  }

  /** Writes magic, the AggregatedRecord message and the MD5 of the message into one new buffer. */
  write(): Buffer {
    const out = Buffer.allocUnsafe(this.sizeBytes);
    KPL_MAGIC.copy(out, 0);
    let pos = this.writeTable(out, MAGIC_BYTES, TAG.partitionKeyTable, this.partitionKeys);
    pos = this.writeTable(out, pos, TAG.explicitHashKeyTable, this.hashKeys);
    for (let i = 0; i < this.entries.length; i++) {
      out[pos++] = TAG.records;
      pos = writeVarint(out, pos, this.bodyLengths[i]);
      out[pos++] = TAG.partitionKeyIndex;
      pos = writeVarint(out, pos, this.pkIndexes[i]);
      const ehk = this.ehkIndexes[i];
      if (ehk >= 0) {
        out[pos++] = TAG.explicitHashKeyIndex;
        pos = writeVarint(out, pos, ehk);
      }
      const data = this.entries[i].data;
      out[pos++] = TAG.data;
      pos = writeVarint(out, pos, data.length);
      out.set(data, pos);
      pos += data.length;
    }
    createHash('md5').update(out.subarray(MAGIC_BYTES, pos)).digest().copy(out, pos);
    if (pos + DIGEST_BYTES !== out.length) {
      throw new ToolkitError(
        'KPL_SIZE_MISMATCH',
        `KPL size accounting bug: wrote ${pos + DIGEST_BYTES} of ${out.length} bytes`,
      );
    }
    return out;
  }

  private addKey(table: KeyTable, value: string, byteLength: number): void {
    table.indexOf.set(value, table.values.length);
    table.values.push(value);
    table.byteLengths.push(byteLength);
  }

  private writeTable(out: Buffer, offset: number, tag: number, table: KeyTable): number {
    let pos = offset;
    for (let i = 0; i < table.values.length; i++) {
      out[pos++] = tag;
      const value = table.values[i];
      const byteLength = table.byteLengths[i];
      pos = writeVarint(out, pos, byteLength);
      if (byteLength === value.length && byteLength <= 32) {
        // Short ASCII key (the common case): a plain loop beats a call into Buffer.write.
        for (let c = 0; c < byteLength; c++) out[pos + c] = value.charCodeAt(c);
        pos += byteLength;
      } else {
        pos += out.write(value, pos, 'utf8');
      }
    }
    return pos;
  }
}
