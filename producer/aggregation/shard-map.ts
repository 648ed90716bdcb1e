// The stream's shards and their hash-key ranges: routes a hash key to the open shard that owns it.
import type { ShardRange } from '../transport/put-records-transport';

export interface ShardSpan {
  readonly shardId: string;
  readonly start: bigint;
  readonly end: bigint;
  readonly open: boolean;
}

/** Built from a ListShards listing; routing uses open shards only, range checks know closed ones too. */
export class ShardMap {
  private readonly openSpans: readonly ShardSpan[];
  private readonly byId: ReadonlyMap<string, ShardSpan>;

  public constructor(shards: readonly ShardRange[]) {
    const spans = shards.map((s) => ({
      shardId: s.shardId,
      start: BigInt(s.startingHashKey),
      end: BigInt(s.endingHashKey),
      open: s.open,
    }));
    this.openSpans = spans.filter((s) => s.open).sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
    this.byId = new Map(spans.map((s) => [s.shardId, s]));
  }

  public get openShardIds(): readonly string[] {
    return this.openSpans.map((s) => s.shardId);
  }

  public get openShardCount(): number {
    return this.openSpans.length;
  }

  /** The open shard whose range holds `hashKey`, or undefined when no open shard covers it. */
  public shardFor(hashKey: bigint): string | undefined {
    const spans = this.openSpans;
    let low = 0;
    let high = spans.length - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      const span = spans[mid];
      if (hashKey < span.start) high = mid - 1;
      else if (hashKey > span.end) low = mid + 1;
      else return span.shardId;
    }
    return undefined;
  }

  /** True when the shard is known and `hashKey` lies in its range (open or closed). */
  public contains(shardId: string, hashKey: bigint): boolean | undefined {
    const span = this.byId.get(shardId);
    if (span === undefined) return undefined;
    return hashKey >= span.start && hashKey <= span.end;
  }

  public isOpen(shardId: string): boolean {
    return this.byId.get(shardId)?.open === true;
  }

  public knows(shardId: string): boolean {
    return this.byId.has(shardId);
  }
}
