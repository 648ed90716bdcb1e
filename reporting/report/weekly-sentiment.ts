// Pure: the weekly report's numbers, one row per day (Monday to Sunday): posts by label, negative share and mean score.
import type { LabelCount } from '../posts/post-reader';
import { POST_LABELS } from '../posts/post-reader';
import { emptyCounts, type LabelCounts } from '../posts/label-counts';
import { formatIsoWeek, weekDays, type IsoWeek } from './iso-week';

export interface DaySentiment {
  /** YYYY-MM-DD in the report's time zone. */
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
  /** The IANA zone whose days these are (UTC when not given). */
  readonly timeZone: string;
  readonly from: string;
  readonly to: string;
  readonly days: readonly DaySentiment[];
  readonly totals: Omit<DaySentiment, 'date' | 'weekday'>;
}

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** `days`: the week's seven days as instants (zoned-week.ts); UTC days when absent. Rows are matched to a day by `bucketMs` = the day's start. */
export function weeklySentiment(
  week: IsoWeek,
  rows: readonly LabelCount[],
  zoned?: {
    readonly days: readonly { readonly date: string; readonly fromMs: number; readonly toMs: number }[];
    readonly timeZone: string;
  },
): WeeklySentiment {
  const utc = weekDays(week).map((fromMs) => ({
    date: new Date(fromMs).toISOString().slice(0, 10),
    fromMs,
    toMs: fromMs + 86_400_000,
  }));
  const days = zoned?.days ?? utc;
  const starts = days.map((d) => d.fromMs);
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
  return {
    week: formatIsoWeek(week),
    timeZone: zoned?.timeZone ?? 'UTC',
    from: new Date(days[0]!.fromMs).toISOString(),
    to: new Date(days[6]!.toMs).toISOString(),
    days: acc.map((day, i) => ({ date: days[i]!.date, weekday: WEEKDAYS[i]!, ...figures(day) })),
    totals: figures(total),
  };
}

function figures(day: {
  counts: LabelCounts;
  scoreSum: number;
  scored: number;
}): Omit<DaySentiment, 'date' | 'weekday'> {
  const posts = POST_LABELS.reduce((sum, label) => sum + day.counts[label], 0);
  const scoredPosts = posts - day.counts.UNSCORED;
  return {
    posts,
    counts: day.counts,
    negativeShare: scoredPosts === 0 ? null : day.counts.NEGATIVE / scoredPosts,
    meanScore: day.scored === 0 ? null : day.scoreSum / day.scored,
  };
}
