// The dashboard's answers for a view (summary with comparison, a page of posts, top terms), shared through one cache.
import { emptyCounts, type LabelCounts } from '../posts/label-counts';
import { POST_LABELS, type PostLabel } from '../posts/post-reader';
import { previousPeriod, type Bucket, type PostCursor, type Selection } from '../posts/selection';
import type { SelectionReader } from '../posts/selection-reader';
import { rankTerms, type RankedTerm } from '../terms/rank-terms';
import { SharedCache } from './shared-cache';
import type { DashboardView } from './view-params';
import { countGrainFor, foldCounts, zoneBuckets } from './zone-buckets';

export interface Totals {
  readonly posts: number;
  readonly byLabel: LabelCounts;
  /** Posts with a label (all but UNSCORED). */
  readonly scored: number;
  /** NEGATIVE / scored, or null when none was scored. */
  readonly negativeShare: number | null;
}

export interface DashboardSummary {
  readonly generatedAt: string;
  readonly timeZone: string;
  readonly selection: SelectionJson;
  readonly bucket: Bucket;
  readonly totals: Totals;
  /** The previous period of the same length, same filters. */
  readonly previous: { readonly from: string; readonly to: string; readonly totals: Totals };
  readonly change: {
    /** (posts - previous) / previous, or null when the previous period had none. */
    readonly posts: number | null;
    /** Difference of the negative shares (0.042 = 4.2 percentage points), or null when either is null. */
    readonly negativeShare: number | null;
  };
  readonly buckets: readonly { readonly start: string; readonly end: string; readonly counts: LabelCounts }[];
}

export interface SelectionJson {
  readonly from: string;
  readonly to: string;
  readonly label?: PostLabel;
  readonly source?: string;
  readonly lang?: string;
  readonly hashtag?: string;
  readonly q?: string;
}

export interface PostJson {
  readonly postId: string | null;
  readonly user: string | null;
  readonly createdAt: string;
  readonly lang: string | null;
  readonly label: PostLabel;
  readonly score: number | null;
  readonly text: string;
  readonly source: string | null;
  readonly hashtags: readonly string[];
}

export interface PostsPage {
  readonly selection: SelectionJson;
  readonly posts: readonly PostJson[];
  /** Pass as `cursor=` for the next page; null on the last page. */
  readonly nextCursor: string | null;
}

export interface TermsAnswer {
  readonly selection: SelectionJson;
  readonly previous: { readonly from: string; readonly to: string };
  readonly terms: readonly RankedTerm[];
  readonly sampled: boolean;
}

export interface DashboardViewsOptions {
  readonly timeZone: string;
  /** How long an answer for a view relative to now is reused (the refresh interval). */
  readonly liveReuseMs: number;
  /** How long an answer for a fixed past range is reused. */
  readonly fixedReuseMs: number;
  /** Terms shown. */
  readonly topTerms: number;
}

const iso = (ms: number): string => new Date(ms).toISOString();

export function selectionJson(selection: Selection): SelectionJson {
  const { fromMs, toMs, ...filters } = selection;
  return { from: iso(fromMs), to: iso(toMs), ...filters };
}

export function totalsOf(byLabel: LabelCounts): Totals {
  const posts = POST_LABELS.reduce((sum, label) => sum + byLabel[label], 0);
  const scored = posts - byLabel.UNSCORED;
  return { posts, byLabel, scored, negativeShare: scored === 0 ? null : byLabel.NEGATIVE / scored };
}

/** `cursor=` text: base64url of the last row's position. */
export function encodeCursor(cursor: PostCursor): string {
  return Buffer.from(
    JSON.stringify([cursor.createdAtMs, cursor.shardId, cursor.sequenceNumber, cursor.subSequenceNumber]),
  ).toString('base64url');
}

/** The position a `cursor=` names, or undefined when it is not one we made. */
export function decodeCursor(text: string): PostCursor | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (!Array.isArray(value) || value.length !== 4) return undefined;
    const [createdAtMs, shardId, sequenceNumber, subSequenceNumber] = value as unknown[];
    if (
      typeof createdAtMs !== 'number' ||
      typeof shardId !== 'string' ||
      typeof sequenceNumber !== 'string' ||
      typeof subSequenceNumber !== 'number'
    )
      return undefined;
    return { createdAtMs, shardId, sequenceNumber, subSequenceNumber };
  } catch {
    return undefined;
  }
}

export class DashboardViews {
  private readonly summaries: SharedCache<DashboardSummary>;
  private readonly pages: SharedCache<PostsPage>;
  private readonly termAnswers: SharedCache<TermsAnswer>;

  public constructor(
    private readonly reader: SelectionReader,
    private readonly options: DashboardViewsOptions,
    private readonly now: () => number = Date.now,
  ) {
    this.summaries = new SharedCache(now);
    this.pages = new SharedCache(now);
    this.termAnswers = new SharedCache(now);
  }

  public summary(view: DashboardView, fresh = false): Promise<DashboardSummary> {
    if (fresh) return this.summaries.put(view.key, this.loadSummary(view));
    return this.summaries.get(view.key, this.reuseMs(view), () => this.loadSummary(view));
  }

  public posts(view: DashboardView, limit: number, cursor: PostCursor | undefined): Promise<PostsPage> {
    const key = JSON.stringify([view.key, limit, cursor === undefined ? null : encodeCursor(cursor)]);
    return this.pages.get(key, this.reuseMs(view), () => this.loadPosts(view, limit, cursor));
  }

  /** Every post of the view, page by page, straight from the reader (an export is not worth keeping in the cache). */
  public async *allPosts(view: DashboardView, pageSize: number): AsyncGenerator<PostsPage> {
    let cursor: PostCursor | undefined;
    for (;;) {
      const page = await this.loadPosts(view, pageSize, cursor);
      yield page;
      if (page.nextCursor === null) return;
      cursor = decodeCursor(page.nextCursor);
    }
  }

  public terms(view: DashboardView): Promise<TermsAnswer> {
    return this.termAnswers.get(view.key, this.reuseMs(view), () => this.loadTerms(view));
  }

  private reuseMs(view: DashboardView): number {
    return view.relativeMs !== undefined || view.selection.toMs > this.now()
      ? this.options.liveReuseMs
      : this.options.fixedReuseMs;
  }

  private async loadSummary(view: DashboardView): Promise<DashboardSummary> {
    const empty = zoneBuckets(view.selection.fromMs, view.selection.toMs, view.bucket, this.options.timeZone);
    // Hours that start where the zone's hours start (half past the UTC hour in Asia/Kolkata), so each lands whole in its bucket.
    const { grain, hourStartMinute } = countGrainFor(empty, view.bucket);
    const previous = previousPeriod(view.selection);
    const [counts, previousCounts] = await Promise.all([
      this.reader.counts(view.selection, grain, hourStartMinute),
      this.reader.counts(previous, grain, hourStartMinute),
    ]);
    const buckets = foldCounts(empty, counts);
    const byLabel = emptyCounts();
    for (const c of counts) byLabel[c.label] += c.posts;
    const before = emptyCounts();
    for (const c of previousCounts) before[c.label] += c.posts;
    const totals = totalsOf(byLabel);
    const previousTotals = totalsOf(before);
    return {
      generatedAt: iso(this.now()),
      timeZone: this.options.timeZone,
      selection: selectionJson(view.selection),
      bucket: view.bucket,
      totals,
      previous: { from: iso(previous.fromMs), to: iso(previous.toMs), totals: previousTotals },
      change: {
        posts: previousTotals.posts === 0 ? null : (totals.posts - previousTotals.posts) / previousTotals.posts,
        negativeShare:
          totals.negativeShare === null || previousTotals.negativeShare === null
            ? null
            : totals.negativeShare - previousTotals.negativeShare,
      },
      buckets: buckets.map((b) => ({ start: iso(b.startMs), end: iso(b.endMs), counts: b.counts })),
    };
  }

  private async loadPosts(view: DashboardView, limit: number, cursor: PostCursor | undefined): Promise<PostsPage> {
    // One more than asked tells whether another page follows.
    const rows = await this.reader.postsPage(view.selection, limit + 1, cursor);
    const page = rows.slice(0, limit);
    return {
      selection: selectionJson(view.selection),
      posts: page.map((p) => ({
        postId: p.postId,
        user: p.user,
        createdAt: iso(p.createdAtMs),
        lang: p.lang,
        label: p.label,
        score: p.score,
        text: p.text,
        source: p.source ?? null,
        hashtags: p.hashtags,
      })),
      nextCursor: rows.length > limit ? encodeCursor(page[page.length - 1]!.cursor) : null,
    };
  }

  private async loadTerms(view: DashboardView): Promise<TermsAnswer> {
    const previous = previousPeriod(view.selection);
    const current = await this.reader.termCounts(view.selection, this.options.topTerms);
    const top = rankTerms(current.counts, [], { limit: this.options.topTerms });
    const before =
      top.length === 0
        ? { counts: [] }
        : await this.reader.termCounts(
            previous,
            top.length,
            top.map((t) => t.term),
          );
    return {
      selection: selectionJson(view.selection),
      previous: { from: iso(previous.fromMs), to: iso(previous.toMs) },
      terms: rankTerms(current.counts, before.counts, { limit: this.options.topTerms }),
      sampled: current.sampled,
    };
  }
}
