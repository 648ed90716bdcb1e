// The alerts as data (a negative burst, a negative share above normal), and the identity that makes a post count once.

/** A NEGATIVE post as the rules see it. */
export interface NegativePostEvent {
  /** Record identity (shard/sequence/sub-sequence): unique per stored copy, not per post. */
  readonly key: string;
  /** Where the collector took it from (x, instagram, sample, file); null for records without one. */
  readonly source: string | null;
  readonly postId: string | null;
  /** When it was posted (created_at), epoch ms. */
  readonly atMs: number;
  readonly user: string | null;
  readonly lang: string | null;
  readonly text: string;
  /** Key phrases the analyzer stored with the post (Comprehend), when it stored some. */
  readonly keyPhrases?: readonly string[] | null;
}

/**
 * What makes two stored records one post: (source, post id). A collector replay stores the same post again under a
 * new record identity; it must count once (issue 25 item 6). A record without a post id is its own identity.
 */
export function postIdentity(post: Pick<NegativePostEvent, 'key' | 'source' | 'postId'>): string {
  return post.postId === null ? `record\u0000${post.key}` : `post\u0000${post.source ?? ''}\u0000${post.postId}`;
}

export interface AlertExample {
  readonly postId: string | null;
  readonly user: string | null;
  readonly postedAt: string;
  /** Cut to EXAMPLE_TEXT_GRAPHEMES grapheme clusters, whitespace collapsed, always well-formed. */
  readonly text: string;
}

/** A term (word or two-word phrase) of the alert's posts and how many of them mention it. */
export interface AlertTerm {
  readonly term: string;
  readonly posts: number;
}

interface AlertBase {
  /** ISO 8601 UTC. */
  readonly detectedAt: string;
  /** The posts the alert is about: first and last post times (ISO 8601 UTC). */
  readonly windowStart: string;
  readonly windowEnd: string;
  /** Distinct NEGATIVE posts (by source and post id) the alert counts. */
  readonly negativePosts: number;
  /** The rule's window length. */
  readonly windowMinutes: number;
  /** Up to five of the posts, newest first. */
  readonly examples: readonly AlertExample[];
  /** The posts' top terms, most mentioned first (at most five; empty when no term is shared by two posts). */
  readonly terms: readonly AlertTerm[];
  /** The dashboard filtered to the alert's window and to NEGATIVE posts. */
  readonly dashboardUrl: string;
}

/** More than `threshold` distinct NEGATIVE posts within `windowMinutes`. */
export interface BurstAlert extends AlertBase {
  readonly kind: 'negative-burst';
  readonly threshold: number;
}

/** The last hour's negative share above the same hours of the previous days by more than the margin. */
export interface ShareAlert extends AlertBase {
  readonly kind: 'negative-share';
  /** Scored posts (any label but UNSCORED) of the last hour; negativePosts of them NEGATIVE. */
  readonly scoredPosts: number;
  /** negativePosts / scoredPosts, in [0, 1]. */
  readonly negativeShare: number;
  /** The same hours of the previous `baselineDays` days, pooled. */
  readonly baselineNegativePosts: number;
  readonly baselineScoredPosts: number;
  readonly baselineShare: number;
  readonly baselineDays: number;
  /** The configured margin, percentage points. */
  readonly marginPoints: number;
}

export type NegativeAlert = BurstAlert | ShareAlert;

/** Example texts are cut to this many grapheme clusters (a post's length on X). */
export const EXAMPLE_TEXT_GRAPHEMES = 280;
/** How many example posts and terms an alert carries. */
export const ALERT_EXAMPLES = 5;
export const ALERT_TERMS = 5;
