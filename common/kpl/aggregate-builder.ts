// Fills one KPL aggregate up to a byte limit, knowing the exact encoded size after every add (UTF-8, O(1) per add).
import { ToolkitError } from '../errors';
import { AggregateLayout } from './aggregate-layout';
import type { KplRecord } from './kpl-record';

/** The KPL's default AggregationMaxSize. */
export const DEFAULT_AGGREGATE_MAX_BYTES = 51_200;

export class AggregateBuilder {
  private layout = new AggregateLayout();

  /** `maxBytes` bounds the whole aggregate: magic, protobuf and MD5. */
  public constructor(public readonly maxBytes: number = DEFAULT_AGGREGATE_MAX_BYTES) {
    if (!(maxBytes > 0) || (!Number.isSafeInteger(maxBytes) && maxBytes !== Infinity)) {
      throw new ToolkitError(
        'KPL_INVALID_MAX_BYTES',
        `AggregateBuilder maxBytes must be a positive integer, got ${maxBytes}`,
      );
    }
  }

  get count(): number {
    return this.layout.count;
  }

  /** Exact size build() would produce now. */
  get sizeBytes(): number {
    return this.layout.sizeBytes;
  }

  /** Exact size build() would produce if `record` were added. */
  sizeWith(record: KplRecord): number {
    return this.layout.sizeBytes + this.layout.measure(record);
  }

  /**
   * Adds `record` unless the aggregate would then exceed maxBytes; returns whether it was added.
   * A record too large on its own is accepted into an empty builder, so the caller can send it anyway.
   */
  tryAdd(record: KplRecord): boolean {
    const added = this.layout.measure(record);
    if (this.layout.count > 0 && this.layout.sizeBytes + added > this.maxBytes) return false;
    this.layout.commit(record, added);
    return true;
  }

  /** The records added so far, in order. */
  records(): readonly KplRecord[] {
    return this.layout.records;
  }

  /** Encodes the records added so far; the builder keeps them until reset(). */
  build(): Buffer {
    return this.layout.write();
  }

  reset(): void {
    this.layout = new AggregateLayout();
  }
}
