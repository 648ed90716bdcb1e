// Pure: turns per-minute counts and the newest posts into the dashboard's JSON summary (what /api/summary returns).
import { emptyCounts, type LabelCounts } from '../posts/label-counts';
import {
  POST_LABELS,
  type LabelCount,
  type PostLabel,
  type PostSummaryRow,
  type TimeRange,
} from '../posts/post-reader';

export interface DashboardSummary {
  readonly generatedAt: string;
  readonly window: { readonly minutes: number; readonly from: string; readonly to: string };
  readonly totals: {
    readonly posts: number;
    readonly byLabel: LabelCounts;
    /** NEGATIVE / scored posts (unscored ones excluded); null when nothing was scored. */
    readonly negativeShare: number | null;
  };
  readonly perMinute: readonly { readonly minute: string; readonly counts: LabelCounts }[];
  /** Top hashtags (lower-case, without '#') among the `sampledPosts` newest posts of the window. */
  readonly hashtags: readonly { readonly tag: string; readonly posts: number }[];
  readonly hashtagSample: { readonly sampledPosts: number; readonly complete: boolean };
  readonly latest: readonly {
    readonly postId: string | null;
    readonly user: string | null;
    readonly createdAt: string;
    readonly lang: string | null;
    readonly label: PostLabel;
    readonly score: number | null;
    readonly text: string;
    readonly source: string | null;
  }[];
}

const MINUTE_MS = 60_000;

/** The window of `minutes` minute buckets ending with the current, partial one. */
export function summaryRange(nowMs: number, minutes: number): TimeRange {
  const currentMinute = Math.floor(nowMs / MINUTE_MS) * MINUTE_MS;
  return { fromMs: currentMinute - (minutes - 1) * MINUTE_MS, toMs: currentMinute + MINUTE_MS };
}

export interface SummaryInput {
  readonly nowMs: number;
  readonly minutes: number;
  readonly counts: readonly LabelCount[];
  /** The newest posts of the window, newest first, at most `sampleLimit`. */
  readonly sample: readonly PostSummaryRow[];
  readonly sampleLimit: number;
  readonly latestCount: number;
  readonly topHashtags: number;
}

export function buildSummary(input: SummaryInput): DashboardSummary {
  const range = summaryRange(input.nowMs, input.minutes);
  const perMinute = Array.from({ length: input.minutes }, (_, i) => ({
    minuteMs: range.fromMs + i * MINUTE_MS,
    counts: emptyCounts(),
  }));
  const byLabel = emptyCounts();
  for (const row of input.counts) {
    const bucket = perMinute[Math.floor((row.bucketMs - range.fromMs) / MINUTE_MS)];
    if (bucket === undefined) continue;
    bucket.counts[row.label] += row.posts;
    byLabel[row.label] += row.posts;
  }
  const posts = POST_LABELS.reduce((sum, label) => sum + byLabel[label], 0);
  const scored = posts - byLabel.UNSCORED;
  return {
    generatedAt: new Date(input.nowMs).toISOString(),
    window: {
      minutes: input.minutes,
      from: new Date(range.fromMs).toISOString(),
      to: new Date(range.toMs).toISOString(),
    },
    totals: { posts, byLabel, negativeShare: scored === 0 ? null : byLabel.NEGATIVE / scored },
    perMinute: perMinute.map((m) => ({ minute: new Date(m.minuteMs).toISOString(), counts: m.counts })),
    hashtags: countHashtags(input.sample).slice(0, input.topHashtags),
    hashtagSample: { sampledPosts: input.sample.length, complete: input.sample.length < input.sampleLimit },
    latest: input.sample.slice(0, input.latestCount).map((row) => ({
      postId: row.postId,
      user: row.user,
      createdAt: new Date(row.createdAtMs).toISOString(),
      lang: row.lang,
      label: row.label,
      score: row.score,
      text: row.text,
      source: row.source ?? null,
    })),
  };
}

/** Posts per hashtag (each post counted once per tag), most frequent first, ties by name. */
export function countHashtags(rows: readonly PostSummaryRow[]): { tag: string; posts: number }[] {
  const counts = new Map<string, number>();
  for (const row of rows) {
    for (const tag of new Set(row.hashtags.map((t) => t.replace(/^#/, '').toLowerCase()).filter((t) => t !== '')))
      counts.set(tag, (counts.get(tag) ?? 0) + 1);
  }
  return [...counts]
    .map(([tag, posts]) => ({ tag, posts }))
    .sort((a, b) => b.posts - a.posts || a.tag.localeCompare(b.tag));
}
