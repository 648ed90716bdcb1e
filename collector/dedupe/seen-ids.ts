// Remembers the post keys already sent, in bounded memory: two generations of sets, the older dropped when the newer fills.

/**
 * Holds at least the last `capacity / 2` and at most the last `capacity` keys added. Redeliveries come soon after
 * the original (an X reconnect with backfill_minutes <= 5, an Instagram poll covering ~24 h), so recency is what counts.
 */
export class SeenIds {
  private previous = new Set<string>();
  private current = new Set<string>();
  private readonly generationSize: number;

  public constructor(public readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 2)
      throw new RangeError(`capacity must be an integer >= 2, got ${capacity}`);
    this.generationSize = Math.floor(capacity / 2);
  }

  public has(key: string): boolean {
    return this.current.has(key) || this.previous.has(key);
  }

  /** Adds `key`; returns false when it was already there (a duplicate). */
  public add(key: string): boolean {
    if (this.has(key)) return false;
    if (this.current.size >= this.generationSize) {
      this.previous = this.current;
      this.current = new Set();
    }
    this.current.add(key);
    return true;
  }

  /** Forgets `key` (its send failed, so a redelivery may send it again). */
  public delete(key: string): void {
    this.current.delete(key);
    this.previous.delete(key);
  }

  public get size(): number {
    return this.current.size + this.previous.size;
  }

  /** Oldest first, so `restore` of the same list rebuilds the same recency order. */
  public keys(): string[] {
    return [...this.previous, ...this.current];
  }

  public restore(keys: readonly string[]): void {
    for (const key of keys.slice(-this.capacity)) this.add(key);
  }
}
