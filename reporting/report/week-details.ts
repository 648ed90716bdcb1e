// Pure: what the weekly report adds to the day-by-day figures: the change against the week before, top terms, representative posts, the split by source and language, the week's alerts.
import { countTerms, type TermSource } from '../terms/count-terms';
import { termsOfPost } from '../terms/extract-terms';
import { rankTerms, type RankedTerm } from '../terms/rank-terms';
import type { PostLabel } from '../posts/post-reader';
import type { WeeklySentiment } from './weekly-sentiment';

/** Posts of one source and language with one label (the split query's row). */
export interface SplitCount {
  readonly source: string | null;
  readonly lang: string | null;
  readonly label: PostLabel;
  readonly posts: number;
}

export interface SplitRow {
  /** The source (x, instagram, sample, backfill...) or language (en, es...); `unknown` when the post had none. */
  readonly key: string;
  readonly posts: number;
  /** Of all the week's posts. */
  readonly share: number;
  /** NEGATIVE / scored posts of this row; null when none was scored. */
  readonly negativeShare: number | null;
}

/** A post the report quotes. */
export interface ExamplePost {
  readonly postId: string | null;
  readonly user: string | null;
  readonly createdAtMs: number;
  readonly lang: string | null;
  readonly text: string;
  readonly source: string | null;
  /** score_positive - score_negative. */
  readonly score: number;
  /** The analyzer's stored key phrases (Comprehend); null or absent when it stored none. */
  readonly keyPhrases?: readonly string[] | null;
}

/** An alert raised in the week (read from the alerter's log, report-alerts.ts). */
export interface ReportAlert {
  readonly kind: string;
  readonly detectedAtMs: number;
  readonly windowStartMs: number;
  readonly windowEndMs: number;
  readonly negativePosts: number;
  readonly terms: readonly string[];
  readonly dashboardUrl?: string;
}

export interface WeekComparison {
  /** (posts - previous posts) / previous posts; null when the previous week had none. */
  readonly postsChange: number | null;
  /** Negative share minus the previous week's, as a fraction (0.042 = +4.2 points); null when either is unknown. */
  readonly negativeShareChange: number | null;
  /** Per day, Monday first: the same weekday of the previous week. */
  readonly days: readonly { readonly previousPosts: number; readonly postsChange: number | null }[];
}

export interface WeekDetails {
  readonly comparison: WeekComparison;
  /** The most mentioned terms of the week. */
  readonly terms: readonly RankedTerm[];
  /** Terms beyond those that gained most against the week before. */
  readonly risingTerms: readonly RankedTerm[];
  readonly examples: { readonly negative: readonly ExamplePost[]; readonly positive: readonly ExamplePost[] };
  readonly bySource: readonly SplitRow[];
  readonly byLanguage: readonly SplitRow[];
  /** undefined when no alert log is kept (ALERT_FILE=none): the report says so instead of "no alerts". */
  readonly alerts: readonly ReportAlert[] | undefined;
  /** The dashboard on this week (DASHBOARD_PUBLIC_URL with ?from=&to=), when configured. */
  readonly dashboardUrl: string | undefined;
}

export const REPORT_EXAMPLES = 3;

export function compareWeeks(current: WeeklySentiment, previous: WeeklySentiment): WeekComparison {
  const change = (now: number, before: number): number | null => (before === 0 ? null : (now - before) / before);
  const c = current.totals.negativeShare;
  const p = previous.totals.negativeShare;
  return {
    postsChange: change(current.totals.posts, previous.totals.posts),
    negativeShareChange: c === null || p === null ? null : c - p,
    days: current.days.map((day, i) => {
      const before = previous.days[i]?.posts ?? 0;
      return { previousPosts: before, postsChange: change(day.posts, before) };
    }),
  };
}

/** Terms shown as most mentioned, and at most this many more that rose most. */
export const REPORT_TERMS = 8;
export const REPORT_RISING_TERMS = 4;
/** A rising term gained at least this many posts and this share over the week before (or is new). */
const RISING_GAIN = { posts: 5, ratio: 0.25 };

/**
 * The week's terms (reporting/terms, the dashboard's path) with their change against the previous week: the most
 * mentioned, then the ones that rose most among the rest. A word that a shown phrase covers almost always
 * ("bajas" within "bajas emisiones") is left out: it would repeat the phrase.
 */
export function weekTerms(
  current: Iterable<TermSource>,
  previous: Iterable<TermSource>,
): { top: RankedTerm[]; rising: RankedTerm[] } {
  const all = withoutCoveredWords(rankTerms(countTerms(current), countTerms(previous), { limit: 2_000, minPosts: 2 }));
  const top = all.slice(0, REPORT_TERMS);
  const gain = (t: RankedTerm): number => t.posts - t.previousPosts;
  const rising = all
    .slice(REPORT_TERMS)
    .filter((t) => gain(t) >= RISING_GAIN.posts && (t.change === null || t.change >= RISING_GAIN.ratio))
    .sort((a, b) => gain(b) - gain(a) || (a.term < b.term ? -1 : 1))
    .slice(0, REPORT_RISING_TERMS);
  return { top, rising };
}

/** Drops single words that a phrase of the list contains in at least 90% of the word's posts. */
function withoutCoveredWords(terms: readonly RankedTerm[]): RankedTerm[] {
  const phrases = terms.filter((t) => t.term.includes(' '));
  return terms.filter(
    (t) => t.term.includes(' ') || !phrases.some((p) => p.term.split(' ').includes(t.term) && p.posts >= 0.9 * t.posts),
  );
}

/** Rows by source and by language (primary subtag), largest first. */
export function splitRows(counts: readonly SplitCount[]): { bySource: SplitRow[]; byLanguage: SplitRow[] } {
  const total = counts.reduce((sum, c) => sum + c.posts, 0);
  const rows = (keyOf: (c: SplitCount) => string): SplitRow[] => {
    const acc = new Map<string, { posts: number; negative: number; scored: number }>();
    for (const c of counts) {
      const key = keyOf(c);
      const a = acc.get(key) ?? { posts: 0, negative: 0, scored: 0 };
      a.posts += c.posts;
      if (c.label !== 'UNSCORED') a.scored += c.posts;
      if (c.label === 'NEGATIVE') a.negative += c.posts;
      acc.set(key, a);
    }
    return [...acc]
      .map(([key, a]) => ({
        key,
        posts: a.posts,
        share: total === 0 ? 0 : a.posts / total,
        negativeShare: a.scored === 0 ? null : a.negative / a.scored,
      }))
      .sort((x, y) => y.posts - x.posts || (x.key < y.key ? -1 : 1));
  };
  return {
    bySource: rows((c) => c.source ?? 'unknown'),
    byLanguage: rows((c) => c.lang?.toLowerCase().split(/[-_]/)[0] ?? 'unknown'),
  };
}

/**
 * Three representative posts from `candidates` (the strongest-scored posts of one label, strongest first): those
 * that mention most of the week's top terms, then the strongest; one per distinct text (hashtags and emoji aside).
 */
export function representativePosts(
  candidates: readonly ExamplePost[],
  topTerms: readonly string[],
  count = REPORT_EXAMPLES,
): ExamplePost[] {
  const top = new Set(topTerms);
  const seen = new Set<string>();
  return candidates
    .map((post, rank) => ({
      post,
      rank,
      hits: termsOfPost(post).filter((t) => top.has(t)).length,
    }))
    .sort((a, b) => b.hits - a.hits || a.rank - b.rank)
    .filter(({ post }) => {
      const key = post.text
        .replace(/[#@][\p{L}\p{M}\p{N}_]+/gu, '')
        .replace(/[^\p{L}\p{N}]+/gu, ' ')
        .trim()
        .toLowerCase();
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .slice(0, count)
    .map(({ post }) => post);
}
