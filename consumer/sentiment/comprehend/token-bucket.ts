// A client-side rate limit: a token bucket refilled at `ratePerSecond`, with an injectable clock and sleep for tests.

export interface TokenBucketOptions {
  readonly ratePerSecond: number;
  /** Tokens the bucket holds when full (the largest burst); default: one second's worth, at least 1. */
  readonly capacity?: number;
  readonly now?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
}

/** `take()` resolves when a token is available; callers are served in order. */
export class TokenBucket {
  private readonly ratePerMs: number;
  private readonly capacity: number;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private tokens: number;
  private last: number;
  private queue: Promise<void> = Promise.resolve();

  public constructor(options: TokenBucketOptions) {
    if (!(options.ratePerSecond > 0)) throw new RangeError(`ratePerSecond must be > 0, got ${options.ratePerSecond}`);
    this.ratePerMs = options.ratePerSecond / 1000;
    this.capacity = options.capacity ?? Math.max(1, options.ratePerSecond);
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.tokens = this.capacity;
    this.last = this.now();
  }

  public take(): Promise<void> {
    const turn = this.queue.then(() => this.acquire());
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  private async acquire(): Promise<void> {
    for (;;) {
      this.refill();
      if (this.tokens >= 1) {
        this.tokens -= 1;
        return;
      }
      await this.sleep(Math.ceil((1 - this.tokens) / this.ratePerMs));
    }
  }

  private refill(): void {
    const now = this.now();
    this.tokens = Math.min(this.capacity, this.tokens + Math.max(0, now - this.last) * this.ratePerMs);
    this.last = now;
  }
}
