// The read port over the scored-posts table: what the dashboard, the alerter and the weekly report need, as plain rows.

/** A sentiment label as stored, or UNSCORED for posts the analyzer could not score (sentiment_label IS NULL). */
export type PostLabel = 'POSITIVE' | 'NEGATIVE' | 'NEUTRAL' | 'MIXED' | 'UNSCORED';
export const POST_LABELS: readonly PostLabel[] = ['POSITIVE', 'NEGATIVE', 'NEUTRAL', 'MIXED', 'UNSCORED'];

/** A half-open UTC interval [fromMs, toMs). */
export interface TimeRange {
  readonly fromMs: number;
  readonly toMs: number;
}

export interface LabelCount {
  /** Start of the bucket (minute or day), epoch ms UTC. */
  readonly bucketMs: number;
  readonly label: PostLabel;
  readonly posts: number;
  /** Sum of score_positive - score_negative over the scored posts, and how many were scored. */
  readonly scoreSum: number;
  readonly scored: number;
}

export interface PostSummaryRow {
  /** shard_id/sequence_number/sub_sequence_number: unique per stored post. */
  readonly key: string;
  readonly postId: string | null;
  readonly user: string | null;
  readonly createdAtMs: number;
  readonly lang: string | null;
  readonly text: string;
  readonly label: PostLabel;
  /** score_positive - score_negative, or null when unscored. */
  readonly score: number | null;
  readonly hashtags: readonly string[];
  /** Where the collector took the post from (x, instagram, sample, file); null for records without one. */
  readonly source?: string | null;
  /** The analyzer's stored key phrases (Comprehend); null or absent when it stored none. */
  readonly keyPhrases?: readonly string[] | null;
}

export interface PostReader {
  /** Posts per bucket and label, bucketed by DATE_TRUNC(unit, created_at). */
  countByLabel(range: TimeRange, unit: 'minute' | 'day'): Promise<LabelCount[]>;
  /** Posts per label within each of `ranges` (for example local days of a time zone); `bucketMs` is the range's `fromMs`. */
  countByLabelInRanges(ranges: readonly TimeRange[]): Promise<LabelCount[]>;
  /** Newest first, at most `limit`. */
  latestPosts(range: TimeRange, limit: number, label?: PostLabel): Promise<PostSummaryRow[]>;
  close(): Promise<void>;
}
