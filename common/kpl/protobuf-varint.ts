// Protobuf base-128 varints: their encoded size and writing them into a buffer (non-negative safe integers).

/** Bytes a non-negative integer takes as a protobuf varint. */
export function varintSize(value: number): number {
  if (value < 0x80) return 1;
  if (value < 0x4000) return 2;
  if (value < 0x200000) return 3;
  if (value < 0x10000000) return 4;
  let size = 5;
  for (let rest = Math.floor(value / 0x800000000); rest > 0; rest = Math.floor(rest / 0x80)) size += 1;
  return size;
}

/** Writes `value` as a varint at `offset`; returns the offset after it. */
export function writeVarint(target: Uint8Array, offset: number, value: number): number {
  let pos = offset;
  while (value > 0x7fffffff) {
    target[pos++] = (value % 0x80) | 0x80;
    value = Math.floor(value / 0x80);
  }
  while (value >= 0x80) {
    target[pos++] = (value & 0x7f) | 0x80;
    value >>>= 7;
  }
  target[pos++] = value;
  return pos;
}
