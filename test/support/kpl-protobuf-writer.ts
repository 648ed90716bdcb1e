// Hand-assembles protobuf bytes and KPL frames for decoder tests (out-of-order, unknown and malformed fields).
import { createHash } from 'node:crypto';
import { KPL_MAGIC } from '../../common/kpl/kpl-format';

export function varint(value: number): Buffer {
  const out: number[] = [];
  while (value >= 0x80) {
    out.push((value % 0x80) | 0x80);
    value = Math.floor(value / 0x80);
  }
  out.push(value);
  return Buffer.from(out);
}

/** A length-delimited field: tag, length, bytes. */
export function bytesField(tag: number, value: Buffer | string): Buffer {
  const bytes = typeof value === 'string' ? Buffer.from(value, 'utf8') : value;
  return Buffer.concat([varint(tag), varint(bytes.length), bytes]);
}

export function varintField(tag: number, value: number): Buffer {
  return Buffer.concat([varint(tag), varint(value)]);
}

/** A Record message body with the given fields (already encoded). */
export function recordField(...fields: Buffer[]): Buffer {
  return bytesField(0x1a, Buffer.concat(fields));
}

/** Magic + protobuf + MD5 of the protobuf: a well-framed aggregate around any bytes. */
export function frame(...protobufParts: Buffer[]): Buffer {
  const protobuf = Buffer.concat(protobufParts);
  return Buffer.concat([KPL_MAGIC, protobuf, createHash('md5').update(protobuf).digest()]);
}
