// ISO weeks in an IANA time zone (luxon): the seven local days of a week as UTC instants (23- and 25-hour days included), the week before a moment.
import { DateTime } from 'luxon';
import type { TimeRange } from '../posts/post-reader';
import { UsageError } from '../reporting-errors';
import type { IsoWeek } from './iso-week';

export interface ZonedDay extends TimeRange {
  /** YYYY-MM-DD in the zone. */
  readonly date: string;
}

/** Throws a UsageError naming the variable when `zone` is not an IANA zone this Node knows. */
export function assertTimeZone(zone: string, variable: string): string {
  if (!DateTime.now().setZone(zone).isValid)
    throw new UsageError(`${variable} must be an IANA time zone such as Europe/Madrid, got "${zone}"`);
  return zone;
}

/** The machine's zone (TZ or the system setting), the default for REPORT_TIME_ZONE. */
export function systemTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** Monday to Sunday of `week` in `zone`, each day [local midnight, next local midnight). */
export function zonedWeekDays(week: IsoWeek, zone: string): ZonedDay[] {
  const monday = DateTime.fromObject({ weekYear: week.year, weekNumber: week.week, weekday: 1 }, { zone }).startOf(
    'day',
  );
  return Array.from({ length: 7 }, (_, i) => {
    const start = monday.plus({ days: i });
    return { date: start.toISODate() ?? '', fromMs: start.toMillis(), toMs: start.plus({ days: 1 }).toMillis() };
  });
}

/** The ISO week that holds the instant `ms` in `zone`. */
export function zonedIsoWeekOf(ms: number, zone: string): IsoWeek {
  const t = DateTime.fromMillis(ms, { zone });
  return { year: t.weekYear, week: t.weekNumber };
}

/** The week before the one holding `ms` in `zone`: what a Monday-morning report covers. */
export function zonedPreviousWeek(ms: number, zone: string): IsoWeek {
  return zonedIsoWeekOf(DateTime.fromMillis(ms, { zone }).minus({ weeks: 1 }).toMillis(), zone);
}

/**
 * The latest weekly send time at or before `ms`: Monday `hh:mm` local time in `zone` (a time skipped by a
 * daylight-saving jump moves to the first valid instant after it). The report then covers the week before it.
 */
export function latestSendTime(ms: number, zone: string, time: { hour: number; minute: number }): number {
  const now = DateTime.fromMillis(ms, { zone });
  let monday = now.startOf('week').set({ hour: time.hour, minute: time.minute });
  if (monday.toMillis() > ms) monday = monday.minus({ weeks: 1 }).set({ hour: time.hour, minute: time.minute });
  return monday.toMillis();
}
