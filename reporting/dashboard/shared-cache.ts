// One answer per key for a while, shared by every caller: however many pages watch a view, the warehouse sees one query.

interface Entry<T> {
  readonly atMs: number;
  readonly value: Promise<T>;
  settled: boolean;
  refreshing?: Promise<T>;
}

export class SharedCache<T> {
  private readonly entries = new Map<string, Entry<T>>();

  public constructor(
    private readonly now: () => number,
    /** Entries kept at most (the oldest goes first). */
    private readonly maxEntries = 500,
  ) {}

  /**
   * The value for `key` if younger than `reuseMs` (or still loading). Up to twice that age the old value is still
   * answered while one `load()` replaces it (no page waits for the warehouse on a refresh tick); older, or never
   * loaded, the caller waits for a fresh `load()`. Failures are not kept.
   */
  public get(key: string, reuseMs: number, load: () => Promise<T>): Promise<T> {
    const nowMs = this.now();
    const cached = this.entries.get(key);
    if (cached !== undefined && nowMs - cached.atMs < reuseMs) return cached.value;
    if (cached !== undefined && cached.settled && nowMs - cached.atMs < 2 * reuseMs) {
      if (cached.refreshing === undefined) {
        const refreshing = load();
        cached.refreshing = refreshing;
        refreshing.then(
          () => {
            if (this.entries.get(key) === cached) this.put(key, refreshing, this.now());
          },
          () => {
            cached.refreshing = undefined;
          },
        );
      }
      return cached.value;
    }
    return this.put(key, load(), nowMs);
  }

  /** Replaces the value for `key` (the live loop stores what it just pushed). */
  public put(key: string, value: Promise<T>, atMs = this.now()): Promise<T> {
    const entry: Entry<T> = { atMs, value, settled: false };
    this.entries.delete(key);
    this.entries.set(key, entry);
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    value.then(
      () => {
        entry.settled = true;
      },
      () => {
        if (this.entries.get(key) === entry) this.entries.delete(key);
      },
    );
    return value;
  }
}
