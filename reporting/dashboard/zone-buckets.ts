// Pure: the chart's buckets (minutes, hours or days of the dashboard's zone) and the folding of UTC counts into them.
import { DateTime } from 'luxon';
import { emptyCounts, type LabelCounts } from '../posts/label-counts';
import type { LabelCount } from '../posts/post-reader';
import type { Bucket } from '../posts/selection';

export interface ZoneBucket {
  readonly startMs: number;
  readonly endMs: number;
  readonly counts: LabelCounts;
}

/** The end of the `bucket` holding `ms` (the next bucket's start). */
export function bucketEnd(ms: number, bucket: Bucket, timeZone: string): number {
  return DateTime.fromMillis(ms, { zone: timeZone })
    .startOf(bucket)
    .plus({ [bucket]: 1 })
    .toMillis();
}

/** The buckets covering [fromMs, toMs): the first starts at or before fromMs, each ends where the next starts. */
export function zoneBuckets(fromMs: number, toMs: number, bucket: Bucket, timeZone: string): ZoneBucket[] {
  const buckets: ZoneBucket[] = [];
  let start = DateTime.fromMillis(fromMs, { zone: timeZone }).startOf(bucket);
  while (start.toMillis() < toMs) {
    const end = start.plus({ [bucket]: 1 });
    buckets.push({ startMs: start.toMillis(), endMs: end.toMillis(), counts: emptyCounts() });
    start = end;
  }
  return buckets;
}

/**
 * Adds each count to the bucket holding its start (counts are per UTC minute or hour, finer than the buckets; hour
 * counts in a zone with a half-hour offset land in the bucket holding the hour's start). Returns the buckets.
 */
export function foldCounts(buckets: ZoneBucket[], counts: readonly LabelCount[]): ZoneBucket[] {
  for (const count of counts) {
    let lo = 0;
    let hi = buckets.length - 1;
    if (hi < 0 || count.bucketMs < buckets[0]!.startMs - 3_600_000) continue;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (buckets[mid]!.startMs <= count.bucketMs) lo = mid;
      else hi = mid - 1;
    }
    buckets[lo]!.counts[count.label] += count.posts;
  }
  return buckets;
}
