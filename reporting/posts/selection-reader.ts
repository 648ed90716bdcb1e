// The dashboard's read port over the posts: counts per bucket, a page of posts and term counts for a selection.
import type { TermCount } from '../terms/rank-terms';
import type { LabelCount, PostSummaryRow } from './post-reader';
import type { PostCursor, Selection } from './selection';

/** A post of the list, with the cursor that continues after it. */
export interface SelectionPost extends PostSummaryRow {
  readonly cursor: PostCursor;
}

export interface TermCounts {
  readonly counts: readonly TermCount[];
  /** True when the terms come from the newest posts only (hashtag or text filter over a long range). */
  readonly sampled: boolean;
}

export interface SelectionReader {
  /**
   * Posts per `grain` bucket (bucketMs = its start) and label; a bucket may appear once per source of data. Minutes
   * are UTC minutes; hours start `hourStartMinute` (0-59, default 0) minutes past each UTC hour, so that in a zone
   * whose offset is not whole hours (Asia/Kolkata +05:30: 30; Asia/Kathmandu +05:45: 15) each bucket lies inside one
   * local hour and one local day.
   */
  counts(selection: Selection, grain: 'minute' | 'hour', hourStartMinute?: number): Promise<LabelCount[]>;
  /** At most `limit` posts, newest first, after `cursor`. */
  postsPage(selection: Selection, limit: number, cursor?: PostCursor): Promise<SelectionPost[]>;
  /** The `limit` most-mentioned terms (or only `onlyTerms`), with their negative and scored posts. */
  termCounts(selection: Selection, limit: number, onlyTerms?: readonly string[]): Promise<TermCounts>;
  /** A cheap change token: the newest loaded_at (ms), or null for an empty table. */
  newestLoadMs(): Promise<number | null>;
  close(): Promise<void>;
}
