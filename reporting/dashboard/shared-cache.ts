// One answer per key for a while, shared by every caller: however many pages watch a view, the warehouse sees one query.

interface Entry<T> {
  readonly atMs: number;
  readonly value: Promise<T>;
}

export class SharedCache<T> {
  private readonly entries = new Map<string, Entry<T>>();

  public constructor(
    private readonly now: () => number,
    /** Entries kept at most (the oldest goes first). */
    private readonly maxEntries = 500,
  ) {}

  /** The value for `key` if younger than `reuseMs` (or still loading), else a fresh `load()`; failures are not kept. */
  public get(key: string, reuseMs: number, load: () => Promise<T>): Promise<T> {
    const nowMs = this.now();
    const cached = this.entries.get(key);
    if (cached !== undefined && nowMs - cached.atMs < reuseMs) return cached.value;
    return this.put(key, load(), nowMs);
  }

  /** Replaces the value for `key` (the live loop stores what it just pushed). */
  public put(key: string, value: Promise<T>, atMs = this.now()): Promise<T> {
    this.entries.delete(key);
    this.entries.set(key, { atMs, value });
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    value.catch(() => {
      if (this.entries.get(key)?.value === value) this.entries.delete(key);
    });
    return value;
  }
}
