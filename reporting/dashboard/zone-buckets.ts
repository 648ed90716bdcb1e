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

const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;

/** How the counts for a chart are asked: UTC minutes, or hours starting `hourStartMinute` past the UTC hour. */
export interface CountGrain {
  readonly grain: 'minute' | 'hour';
  readonly hourStartMinute: number;
}

/**
 * The counts that fold exactly into `buckets`, each count inside one bucket: minutes for minute buckets; for hour and
 * day buckets, hours starting where the zone's hours start past the UTC hour (0 in most zones, 30 in Asia/Kolkata and
 * Australia/Adelaide, 15 in Asia/Kathmandu); minutes when the buckets start at different minutes past the hour (a zone
 * whose offset moves by half an hour inside the range, as Australia/Lord_Howe's daylight saving does).
 */
export function countGrainFor(buckets: readonly ZoneBucket[], bucket: Bucket): CountGrain {
  if (bucket === 'minute') return { grain: 'minute', hourStartMinute: 0 };
  const bounds = [...buckets.map((b) => b.startMs), ...buckets.slice(-1).map((b) => b.endMs)];
  const pastHour = new Set(bounds.map((ms) => (((ms % HOUR_MS) + HOUR_MS) % HOUR_MS) / MINUTE_MS));
  const [minute] = [...pastHour];
  return pastHour.size <= 1 && Number.isInteger(minute ?? 0)
    ? { grain: 'hour', hourStartMinute: minute ?? 0 }
    : { grain: 'minute', hourStartMinute: 0 };
}

/**
 * Adds each count to the bucket holding its start (counts are per minute or hour, finer than the buckets and aligned
 * with them when asked with countGrainFor's grain). Returns the buckets.
 */
export function foldCounts(buckets: ZoneBucket[], counts: readonly LabelCount[]): ZoneBucket[] {
  for (const count of counts) {
    let lo = 0;
    let hi = buckets.length - 1;
    if (hi < 0 || count.bucketMs < buckets[0]!.startMs - HOUR_MS) continue;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (buckets[mid]!.startMs <= count.bucketMs) lo = mid;
      else hi = mid - 1;
    }
    buckets[lo]!.counts[count.label] += count.posts;
  }
  return buckets;
}
