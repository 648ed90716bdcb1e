// Builds the dashboard summary from the PostReader, sharing one result per window for a short time so many open pages cost one query pair.
import type { PostReader } from '../posts/post-reader';
import { buildSummary, summaryRange, type DashboardSummary } from './dashboard-summary';

export interface DashboardDataOptions {
  /** How many of the window's newest posts are read for hashtag counts and the latest-posts list. */
  readonly sampleLimit: number;
  readonly latestCount: number;
  readonly topHashtags: number;
  /** A summary younger than this is reused (pages refresh every few seconds). */
  readonly reuseMs: number;
}

export const DEFAULT_DASHBOARD_DATA: DashboardDataOptions = Object.freeze({
  sampleLimit: 2_000,
  latestCount: 20,
  topHashtags: 10,
  reuseMs: 2_000,
});

export class DashboardData {
  private readonly cache = new Map<number, { atMs: number; summary: Promise<DashboardSummary> }>();

  public constructor(
    private readonly reader: PostReader,
    private readonly now: () => number,
    private readonly options = DEFAULT_DASHBOARD_DATA,
  ) {}

  public summary(minutes: number): Promise<DashboardSummary> {
    const nowMs = this.now();
    const cached = this.cache.get(minutes);
    if (cached !== undefined && nowMs - cached.atMs < this.options.reuseMs) return cached.summary;
    const summary = this.load(minutes, nowMs);
    this.cache.set(minutes, { atMs: nowMs, summary });
    // A failed query is not reused: the next refresh tries again.
    summary.catch(() => {
      if (this.cache.get(minutes)?.summary === summary) this.cache.delete(minutes);
    });
    return summary;
  }

  private async load(minutes: number, nowMs: number): Promise<DashboardSummary> {
    const range = summaryRange(nowMs, minutes);
    const [counts, sample] = await Promise.all([
      this.reader.countByLabel(range, 'minute'),
      this.reader.latestPosts(range, this.options.sampleLimit),
    ]);
    return buildSummary({
      nowMs,
      minutes,
      counts,
      sample,
      sampleLimit: this.options.sampleLimit,
      latestCount: this.options.latestCount,
      topHashtags: this.options.topHashtags,
    });
  }
}
