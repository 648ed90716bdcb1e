// Gathers one week's full report: the day counts of the week and the week before, then terms, representative posts, the split, the alerts and the dashboard link.
import type { Locale } from '../i18n/locale';
import type { PostReader } from '../posts/post-reader';
import type { IsoWeek } from './iso-week';
import type { WeekDetailReader } from './pg-week-detail-reader';
import { readWeekAlerts } from './report-alerts';
import { compareWeeks, representativePosts, splitRows, weekTerms, type WeekDetails } from './week-details';
import { weeklySentiment, type WeeklySentiment } from './weekly-sentiment';
import { zonedIsoWeekOf, zonedWeekDays } from './zoned-week';

/** Everything the mail and the files render. */
export interface FullWeeklyReport {
  readonly locale: Locale;
  readonly current: WeeklySentiment;
  readonly previous: WeeklySentiment;
  readonly details: WeekDetails;
}

export interface ReportSources {
  readonly reader: PostReader;
  readonly details: WeekDetailReader;
  /** The alerter's JSON-lines log (ALERT_FILE); undefined when none is kept. */
  readonly alertsFile: string | undefined;
  /** DASHBOARD_PUBLIC_URL; undefined: no link. */
  readonly dashboardUrl: string | undefined;
}

/** Posts read per week for the terms: a bound on memory (a city hashtag posts far fewer). */
export const TERM_POSTS_LIMIT = 50_000;
/** Strongest-scored posts read per label, among which the representative three are picked. */
const EXAMPLE_CANDIDATES = 100;

/** The figures of `week` (local days of `timeZone`) from the posts table. */
export async function weekSentiment(reader: PostReader, week: IsoWeek, timeZone: string): Promise<WeeklySentiment> {
  const days = zonedWeekDays(week, timeZone);
  return weeklySentiment(week, await reader.countByLabelInRanges(days), { days, timeZone });
}

export async function buildFullReport(
  sources: ReportSources,
  week: IsoWeek,
  timeZone: string,
  locale: Locale,
): Promise<FullWeeklyReport> {
  const current = await weekSentiment(sources.reader, week, timeZone);
  const range = { fromMs: Date.parse(current.from), toMs: Date.parse(current.to) };
  const previousWeek = zonedIsoWeekOf(range.fromMs - 1, timeZone);
  const previous = await weekSentiment(sources.reader, previousWeek, timeZone);
  const previousRange = { fromMs: Date.parse(previous.from), toMs: Date.parse(previous.to) };
  const [split, termPosts, previousTermPosts, negative, positive, alerts] = await Promise.all([
    sources.details.splitCounts(range),
    sources.details.termPosts(range, TERM_POSTS_LIMIT),
    sources.details.termPosts(previousRange, TERM_POSTS_LIMIT),
    sources.details.strongestPosts(range, 'NEGATIVE', EXAMPLE_CANDIDATES),
    sources.details.strongestPosts(range, 'POSITIVE', EXAMPLE_CANDIDATES),
    sources.alertsFile === undefined ? Promise.resolve(undefined) : readWeekAlerts(sources.alertsFile, range),
  ]);
  const terms = weekTerms(termPosts, previousTermPosts);
  const topTerms = [...terms.top, ...terms.rising].map((t) => t.term);
  return {
    locale,
    current,
    previous,
    details: {
      comparison: compareWeeks(current, previous),
      terms: terms.top,
      risingTerms: terms.rising,
      examples: {
        negative: representativePosts(negative, topTerms),
        positive: representativePosts(positive, topTerms),
      },
      ...splitRows(split),
      alerts,
      dashboardUrl: sources.dashboardUrl === undefined ? undefined : weekLink(sources.dashboardUrl, range),
    },
  };
}

/** The dashboard's URL state for a week: `from` and `to` as ISO 8601 UTC instants (the week's local midnights). */
export function weekLink(base: string, range: { readonly fromMs: number; readonly toMs: number }): string {
  const url = new URL(base);
  url.searchParams.set('from', new Date(range.fromMs).toISOString());
  url.searchParams.set('to', new Date(range.toMs).toISOString());
  return url.toString();
}
