// Pure: the weekly report's numbers, one row per day (Monday to Sunday): posts by label, negative share and mean score.
import type { LabelCount } from '../posts/post-reader';
import { POST_LABELS } from '../posts/post-reader';
import { emptyCounts, type LabelCounts } from '../posts/label-counts';
import { formatIsoWeek, weekDays, type IsoWeek } from './iso-week';

export interface DaySentiment {
  /** YYYY-MM-DD (UTC). */
  readonly date: string;
  readonly weekday: string;
  readonly posts: number;
  readonly counts: LabelCounts;
  /** NEGATIVE / scored posts; null on a day without scored posts. */
  readonly negativeShare: number | null;
  /** Mean of score_positive - score_negative over the day's scored posts (-1 to 1); null without any. */
  readonly meanScore: number | null;
}

export interface WeeklySentiment {
  readonly week: string;
  readonly from: string;
  readonly to: string;
  readonly days: readonly DaySentiment[];
  readonly totals: Omit<DaySentiment, 'date' | 'weekday'>;
}

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

export function weeklySentiment(week: IsoWeek, rows: readonly LabelCount[]): WeeklySentiment {
  const starts = weekDays(week);
  const acc = starts.map(() => ({ counts: emptyCounts(), scoreSum: 0, scored: 0 }));
  const total = { counts: emptyCounts(), scoreSum: 0, scored: 0 };
  for (const row of rows) {
    const day = acc[starts.indexOf(row.bucketMs)];
    if (day === undefined) continue;
    for (const target of [day, total]) {
      target.counts[row.label] += row.posts;
      target.scoreSum += row.scoreSum;
      target.scored += row.scored;
    }
  }
  const end = starts[6]! + 86_400_000;
  return {
    week: formatIsoWeek(week),
    from: new Date(starts[0]!).toISOString(),
    to: new Date(end).toISOString(),
    days: acc.map((day, i) => ({ date: new Date(starts[i]!).toISOString().slice(0, 10), weekday: WEEKDAYS[i]!, ...figures(day) })),
    totals: figures(total),
  };
}

function figures(day: { counts: LabelCounts; scoreSum: number; scored: number }): Omit<DaySentiment, 'date' | 'weekday'> {
  const posts = POST_LABELS.reduce((sum, label) => sum + day.counts[label], 0);
  const scoredPosts = posts - day.counts.UNSCORED;
  return {
    posts,
    counts: day.counts,
    negativeShare: scoredPosts === 0 ? null : day.counts.NEGATIVE / scoredPosts,
    meanScore: day.scored === 0 ? null : day.scoreSum / day.scored,
  };
}
