// Turns what a rule found into the alert people receive: distinct posts, example texts cut safely, top terms, the dashboard link.
import {
  ALERT_EXAMPLES,
  EXAMPLE_TEXT_GRAPHEMES,
  postIdentity,
  type AlertExample,
  type AlertTerm,
  type BurstAlert,
  type NegativePostEvent,
  type ShareAlert,
} from './burst-alert';
import { cutGraphemes } from './cut-text';
import { dashboardLink } from './dashboard-link';
import type { BurstFinding } from './negative-burst-detector';
import type { ShareFinding } from './negative-share-rule';

export interface AlertContext {
  /** DASHBOARD_PUBLIC_URL, or the local dashboard's URL. */
  readonly dashboardUrl: string;
  /** The posts' top terms, most mentioned first (alert-terms.ts). */
  readonly topTerms: (posts: readonly NegativePostEvent[]) => AlertTerm[];
}

const iso = (ms: number): string => new Date(ms).toISOString();

/** The newest posts first, one per (source, post id), texts on one line and cut on grapheme clusters. */
export function examplesOf(posts: readonly NegativePostEvent[]): AlertExample[] {
  const newest = new Map<string, NegativePostEvent>();
  for (const post of [...posts].sort((a, b) => b.atMs - a.atMs))
    if (!newest.has(postIdentity(post))) newest.set(postIdentity(post), post);
  return [...newest.values()].slice(0, ALERT_EXAMPLES).map((p) => ({
    postId: p.postId,
    user: p.user,
    postedAt: iso(p.atMs),
    text: cutGraphemes(p.text.replace(/\s+/g, ' ').trim(), EXAMPLE_TEXT_GRAPHEMES),
  }));
}

export function burstAlert(finding: BurstFinding, context: AlertContext): BurstAlert {
  const first = finding.posts[0]!.atMs;
  const last = finding.posts[finding.posts.length - 1]!.atMs;
  return {
    kind: 'negative-burst',
    detectedAt: iso(finding.detectedAtMs),
    negativePosts: finding.posts.length,
    windowStart: iso(first),
    windowEnd: iso(last),
    threshold: finding.threshold,
    windowMinutes: finding.windowMs / 60_000,
    examples: examplesOf(finding.posts),
    terms: context.topTerms(finding.posts),
    dashboardUrl: dashboardLink(context.dashboardUrl, { fromMs: first, toMs: last }),
  };
}

/** `posts`: the hour's NEGATIVE posts as read for examples and terms (possibly fewer than the count). */
export function shareAlert(
  finding: ShareFinding,
  posts: readonly NegativePostEvent[],
  nowMs: number,
  context: AlertContext,
): ShareAlert {
  return {
    kind: 'negative-share',
    detectedAt: iso(nowMs),
    negativePosts: finding.negative,
    windowStart: iso(finding.fromMs),
    windowEnd: iso(finding.toMs),
    windowMinutes: (finding.toMs - finding.fromMs) / 60_000,
    scoredPosts: finding.scored,
    negativeShare: finding.share,
    baselineNegativePosts: finding.baselineNegative,
    baselineScoredPosts: finding.baselineScored,
    baselineShare: finding.baselineShare,
    baselineDays: finding.baselineDays,
    marginPoints: finding.marginPoints,
    examples: examplesOf(posts),
    terms: context.topTerms(posts),
    dashboardUrl: dashboardLink(context.dashboardUrl, { fromMs: finding.fromMs, toMs: finding.toMs - 1 }),
  };
}
