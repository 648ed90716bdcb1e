// A bounds-checked protobuf wire reader over a byte range; malformed input throws WireFormatError.
import { WireFormatError } from './kpl-errors';

export const WIRE = { varint: 0, fixed64: 1, lengthDelimited: 2, fixed32: 5 } as const;

export class ProtobufReader {
  public constructor(
    private readonly bytes: Uint8Array,
    public pos: number,
    public end: number,
  ) {}

  /** Points the reader at another range of the same bytes (saves an allocation per embedded message). */
  reset(pos: number, end: number): void {
    this.pos = pos;
    this.end = end;
  }

  get done(): boolean {
    return this.pos >= this.end;
  }

  /** A varint as a number: exact up to 2^53, only approximate above (callers range-check). */
  varint(): number {
    const bytes = this.bytes;
    let pos = this.pos;
    if (pos < this.end && bytes[pos] < 0x80) {
      this.pos = pos + 1;
      return bytes[pos];
    }
    let value = 0;
    let scale = 1;
    for (let i = 0; i < 10; i++) {
      if (pos >= this.end) throw new WireFormatError(`truncated varint at byte ${pos}`);
      const byte = bytes[pos++];
      value += (byte & 0x7f) * scale;
      if (byte < 0x80) {
        this.pos = pos;
        return value;
      }
      scale *= 0x80;
    }
    throw new WireFormatError(`varint longer than 10 bytes at byte ${this.pos}`);
  }

  /** Reads a length prefix and returns the start of the field's bytes, moving past them. */
  lengthDelimited(): number {
    const length = this.varint();
    const start = this.pos;
    if (length > this.end - start) {
      throw new WireFormatError(`field of ${length} bytes at byte ${start} runs past the end (${this.end})`);
    }
    this.pos = start + length;
    return start;
  }

  /** Skips the value of a field this reader's caller does not use, given the field's tag. */
  skipField(tag: number): void {
    if (tag < 8) throw new WireFormatError(`field number 0 at byte ${this.pos}`);
    const wireType = tag % 8;
    switch (wireType) {
      case WIRE.varint:
        this.varint();
        return;
      case WIRE.lengthDelimited:
        this.lengthDelimited();
        return;
      case WIRE.fixed64:
        this.advance(8);
        return;
      case WIRE.fixed32:
        this.advance(4);
        return;
      default:
        throw new WireFormatError(`unsupported wire type ${wireType} at byte ${this.pos}`);
    }
  }

  private advance(count: number): void {
    if (count > this.end - this.pos) throw new WireFormatError(`truncated fixed-size field at byte ${this.pos}`);
    this.pos += count;
  }
}
