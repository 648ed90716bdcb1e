// Bounds what the producer holds: counts unsettled user records and bytes, and makes put() wait while over the limits.

export class BackPressure {
  private records = 0;
  private bytes = 0;
  private waiters: (() => void)[] = [];
  private head = 0;

  public constructor(
    private readonly maxRecords: number,
    private readonly maxBytes: number,
  ) {}

  public get bufferedRecords(): number {
    return this.records;
  }

  public get bufferedBytes(): number {
    return this.bytes;
  }

  public get isFull(): boolean {
    return this.records >= this.maxRecords || this.bytes >= this.maxBytes;
  }

  /** Resolves at once when there is room (and nobody queued before), else when enough records settle. */
  public room(): Promise<void> | undefined {
    if (!this.isFull && this.head === this.waiters.length) return undefined;
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  public acquire(bytes: number): void {
    this.records += 1;
    this.bytes += bytes;
  }

  public release(bytes: number): void {
    this.records -= 1;
    this.bytes -= bytes;
    // One release wakes at most one waiter, which acquires when it runs: the limit holds.
    if (this.head < this.waiters.length && !this.isFull) {
      const wake = this.waiters[this.head];
      this.head += 1;
      if (this.head === this.waiters.length || this.head > 4_096) {
        this.waiters = this.waiters.slice(this.head);
        this.head = 0;
      }
      wake();
    }
  }

  /** True when nothing is buffered. */
  public get isEmpty(): boolean {
    return this.records === 0;
  }
}
