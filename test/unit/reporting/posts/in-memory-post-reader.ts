// A PostReader over an array of posts, with the SQL's semantics (half-open range on created_at, newest first, DATE_TRUNC buckets).
import {
  POST_LABELS,
  type LabelCount,
  type PostLabel,
  type PostReader,
  type PostSummaryRow,
  type TimeRange,
} from '../../../../reporting/posts/post-reader';

export class InMemoryPostReader implements PostReader {
  public readonly posts: PostSummaryRow[] = [];
  public queries = 0;
  public failWith: Error | undefined;
  public closed = false;

  public add(atMs: number, label: PostLabel, extra: Partial<PostSummaryRow> = {}): PostSummaryRow {
    const n = this.posts.length + 1;
    const post: PostSummaryRow = {
      key: `shardId-0/${n}/0`,
      postId: String(n),
      user: `user${n}`,
      createdAtMs: atMs,
      lang: 'en',
      text: `post ${n}`,
      label,
      score: label === 'UNSCORED' ? null : 0,
      hashtags: [],
      ...extra,
    };
    this.posts.push(post);
    return post;
  }

  public async countByLabel(range: TimeRange, unit: 'minute' | 'day'): Promise<LabelCount[]> {
    this.check();
    const size = unit === 'minute' ? 60_000 : 86_400_000;
    const buckets = new Map<
      string,
      { bucketMs: number; label: PostLabel; posts: number; scoreSum: number; scored: number }
    >();
    for (const post of this.inRange(range)) {
      const bucketMs = Math.floor(post.createdAtMs / size) * size;
      const entry = buckets.get(`${bucketMs}/${post.label}`) ?? {
        bucketMs,
        label: post.label,
        posts: 0,
        scoreSum: 0,
        scored: 0,
      };
      entry.posts += 1;
      if (post.score !== null) {
        entry.scoreSum += post.score;
        entry.scored += 1;
      }
      buckets.set(`${bucketMs}/${post.label}`, entry);
    }
    return [...buckets.values()].sort(
      (a, b) => a.bucketMs - b.bucketMs || POST_LABELS.indexOf(a.label) - POST_LABELS.indexOf(b.label),
    );
  }

  public async countByLabelInRanges(ranges: readonly TimeRange[]): Promise<LabelCount[]> {
    this.check();
    const out: LabelCount[] = [];
    for (const range of ranges) {
      for (const label of POST_LABELS) {
        const posts = this.inRange(range).filter((p) => p.label === label);
        if (posts.length === 0) continue;
        const scored = posts.filter((p) => p.score !== null);
        out.push({
          bucketMs: range.fromMs,
          label,
          posts: posts.length,
          scoreSum: scored.reduce((s, p) => s + (p.score ?? 0), 0),
          scored: scored.length,
        });
      }
    }
    return out;
  }

  public async latestPosts(range: TimeRange, limit: number, label?: PostLabel): Promise<PostSummaryRow[]> {
    this.check();
    return this.inRange(range)
      .filter((p) => label === undefined || p.label === label)
      .sort((a, b) => b.createdAtMs - a.createdAtMs)
      .slice(0, limit);
  }

  public async close(): Promise<void> {
    this.closed = true;
  }

  private check(): void {
    this.queries += 1;
    if (this.failWith !== undefined) throw this.failWith;
  }

  private inRange(range: TimeRange): PostSummaryRow[] {
    return this.posts.filter((p) => p.createdAtMs >= range.fromMs && p.createdAtMs < range.toMs);
  }
}
