// The one token bucket: refills continuously from a clock the caller passes in; the producer's per-shard byte and record limits, Comprehend's call rate.

export class TokenBucket {
  private tokens: number;
  private updatedAt: number;

  /** `ratePerSecond` tokens are added each second up to `capacity`; the bucket starts full. */
  public constructor(
    private readonly ratePerSecond: number,
    private readonly capacity: number,
    now: number,
  ) {
    this.tokens = capacity;
    this.updatedAt = now;
  }

  public available(now: number): number {
    this.refill(now);
    return this.tokens;
  }

  /** Takes `amount` tokens when there are enough, else takes nothing and returns false. */
  public tryTake(amount: number, now: number): boolean {
    this.refill(now);
    // A request bigger than the capacity may go through a full bucket, else it could never be sent.
    const needed = Math.min(amount, this.capacity);
    if (this.tokens < needed) return false;
    this.tokens -= amount;
    return true;
  }

  /** Milliseconds until `amount` tokens (at most the capacity) are available; 0 when they are now. */
  public waitMs(amount: number, now: number): number {
    this.refill(now);
    const deficit = Math.min(amount, this.capacity) - this.tokens;
    return deficit <= 0 ? 0 : Math.ceil((deficit * 1_000) / this.ratePerSecond);
  }

  private refill(now: number): void {
    if (now > this.updatedAt) {
      this.tokens = Math.min(this.capacity, this.tokens + ((now - this.updatedAt) * this.ratePerSecond) / 1_000);
      this.updatedAt = now;
    }
  }
}
