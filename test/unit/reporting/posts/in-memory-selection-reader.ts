// A SelectionReader over an array of posts with the SQL's semantics (half-open range, filters, keyset paging, term counts).
import type { LabelCount, PostLabel, PostSummaryRow } from '../../../../reporting/posts/post-reader';
import type { PostCursor, Selection } from '../../../../reporting/posts/selection';
import type { SelectionPost, SelectionReader, TermCounts } from '../../../../reporting/posts/selection-reader';
import { countTerms } from '../../../../reporting/terms/count-terms';

export class InMemorySelectionReader implements SelectionReader {
  public readonly posts: PostSummaryRow[] = [];
  public queries = 0;
  public failWith: Error | undefined;
  public newestLoad: number | null = null;

  public add(atMs: number, label: PostLabel, extra: Partial<PostSummaryRow> = {}): PostSummaryRow {
    const n = this.posts.length + 1;
    const post: PostSummaryRow = {
      key: `shardId-0/${String(n).padStart(6, '0')}/0`,
      postId: String(n),
      user: `user${n}`,
      createdAtMs: atMs,
      lang: 'en',
      text: `post ${n}`,
      label,
      score: label === 'UNSCORED' ? null : 0,
      hashtags: [],
      source: 'sample',
      ...extra,
    };
    this.posts.push(post);
    this.newestLoad = (this.newestLoad ?? 0) + 1;
    return post;
  }

  public async counts(selection: Selection, grain: 'minute' | 'hour', hourStartMinute = 0): Promise<LabelCount[]> {
    this.check();
    const size = grain === 'minute' ? 60_000 : 3_600_000;
    const shift = grain === 'minute' ? 0 : hourStartMinute * 60_000;
    const buckets = new Map<string, LabelCount & { posts: number }>();
    for (const p of this.select(selection)) {
      const bucketMs = Math.floor((p.createdAtMs - shift) / size) * size + shift;
      const key = `${bucketMs}/${p.label}`;
      const entry = buckets.get(key) ?? { bucketMs, label: p.label, posts: 0, scoreSum: 0, scored: 0 };
      buckets.set(key, { ...entry, posts: entry.posts + 1 });
    }
    return [...buckets.values()];
  }

  public async postsPage(selection: Selection, limit: number, cursor?: PostCursor): Promise<SelectionPost[]> {
    this.check();
    return this.select(selection)
      .map((p) => ({ ...p, cursor: cursorOf(p) }))
      .sort((a, b) => compare(b.cursor, a.cursor))
      .filter((p) => cursor === undefined || compare(p.cursor, cursor) < 0)
      .slice(0, limit);
  }

  public async termCounts(selection: Selection, _limit: number, onlyTerms?: readonly string[]): Promise<TermCounts> {
    this.check();
    const counts = countTerms(this.select(selection));
    return {
      counts: onlyTerms === undefined ? counts : counts.filter((c) => onlyTerms.includes(c.term)),
      sampled: false,
    };
  }

  public async newestLoadMs(): Promise<number | null> {
    this.check();
    return this.newestLoad;
  }

  public async close(): Promise<void> {}

  private check(): void {
    this.queries += 1;
    if (this.failWith !== undefined) throw this.failWith;
  }

  private select(s: Selection): PostSummaryRow[] {
    return this.posts.filter(
      (p) =>
        p.createdAtMs >= s.fromMs &&
        p.createdAtMs < s.toMs &&
        (s.label === undefined || p.label === s.label) &&
        (s.source === undefined || p.source === s.source) &&
        (s.lang === undefined || p.lang === s.lang) &&
        (s.hashtag === undefined || p.hashtags.some((h) => h.toLowerCase() === s.hashtag!.toLowerCase())) &&
        (s.q === undefined || p.text.toLowerCase().includes(s.q.toLowerCase())),
    );
  }
}

function cursorOf(p: PostSummaryRow): PostCursor {
  const [shardId = '', sequenceNumber = '', sub = '0'] = p.key.split('/');
  return { createdAtMs: p.createdAtMs, shardId, sequenceNumber, subSequenceNumber: Number(sub) };
}

function compare(a: PostCursor, b: PostCursor): number {
  return (
    a.createdAtMs - b.createdAtMs ||
    (a.shardId < b.shardId ? -1 : a.shardId > b.shardId ? 1 : 0) ||
    (a.sequenceNumber < b.sequenceNumber ? -1 : a.sequenceNumber > b.sequenceNumber ? 1 : 0) ||
    a.subSequenceNumber - b.subSequenceNumber
  );
}
