// A dashboard selection: a half-open time range plus optional filters, as the URL state carries it.
import type { PostLabel, TimeRange } from './post-reader';

/** The filters of the URL state (`label`, `source`, `lang`, `hashtag`, `q`); absent means "any". */
export interface PostFilters {
  readonly label?: PostLabel;
  /** Collector source as stored (x, instagram, sample, file). */
  readonly source?: string;
  /** Language code as stored (es, en, ...). */
  readonly lang?: string;
  /** A hashtag without '#', matched case-insensitively against the post's hashtags. */
  readonly hashtag?: string;
  /** Text search: posts whose text contains it, case-insensitively. */
  readonly q?: string;
}

export interface Selection extends TimeRange, PostFilters {}

/** The chart's bucket: minute, hour or day (hours and days in the dashboard's zone). */
export type Bucket = 'minute' | 'hour' | 'day';

/** Which engine runs the SQL: the few expressions that differ (JSON as text) are chosen by it. */
export type SqlEngine = 'postgresql' | 'redshift';

/** The posts list's position: the last row shown (created_at, then the record identity, all descending). */
export interface PostCursor {
  readonly createdAtMs: number;
  readonly shardId: string;
  readonly sequenceNumber: string;
  readonly subSequenceNumber: number;
}

/** True when the rollups can answer the filters (they keep label, source and language, not hashtags or text). */
export function rollupCanServe(filters: PostFilters): boolean {
  return filters.hashtag === undefined && filters.q === undefined;
}

/** The same selection moved back by its own length: the "previous period" every comparison uses. */
export function previousPeriod<T extends Selection>(selection: T): T {
  const length = selection.toMs - selection.fromMs;
  return { ...selection, fromMs: selection.fromMs - length, toMs: selection.fromMs };
}
