// A compact latency histogram (log buckets, ~2% precision) giving percentiles without keeping every sample.

const GROWTH = 1.02;
const LOG_GROWTH = Math.log(GROWTH);

export class LatencyHistogram {
  private readonly buckets: number[] = [];
  private total = 0;
  private maxMs = 0;

  public record(ms: number): void {
    const value = Math.max(0, ms);
    const index = value < 1 ? 0 : 1 + Math.floor(Math.log(value) / LOG_GROWTH);
    this.buckets[index] = (this.buckets[index] ?? 0) + 1;
    this.total += 1;
    if (value > this.maxMs) this.maxMs = value;
  }

  public get count(): number {
    return this.total;
  }

  public get max(): number {
    return this.maxMs;
  }

  /** The latency at quantile `q` in [0, 1] (upper edge of its bucket, capped at the max seen); 0 when empty. */
  public percentile(q: number): number {
    if (this.total === 0) return 0;
    const rank = Math.max(1, Math.ceil(q * this.total));
    let seen = 0;
    for (let index = 0; index < this.buckets.length; index += 1) {
      seen += this.buckets[index] ?? 0;
      if (seen >= rank) return Math.min(this.maxMs, index === 0 ? 1 : GROWTH ** index);
    }
    return this.maxMs;
  }
}
