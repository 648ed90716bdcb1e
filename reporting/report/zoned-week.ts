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

/** Monday to Sunday of `week` in `zone`, each day [its local midnight, the next day's local midnight). */
export function zonedWeekDays(week: IsoWeek, zone: string): ZonedDay[] {
  const monday = DateTime.fromObject({ weekYear: week.year, weekNumber: week.week, weekday: 1 }, { zone });
  return zonedDays(monday.toISODate() ?? '', 7, zone);
}

/**
 * `count` consecutive local days from `firstDate` (YYYY-MM-DD) in `zone`. Each bound is the local midnight of its own
 * date from the zone's rules (localMidnightMs), never "the previous bound + 24 h": a day ends exactly where the next
 * begins, so no instant falls in two days or in none, even where daylight saving changes at midnight.
 */
export function zonedDays(firstDate: string, count: number, zone: string): ZonedDay[] {
  const first = DateTime.fromISO(firstDate, { zone: 'UTC' });
  const dates = Array.from({ length: count + 1 }, (_, i) => first.plus({ days: i }).toISODate() ?? '');
  const bounds = dates.map((date) => localMidnightMs(date, zone));
  return dates.slice(0, count).map((date, i) => ({ date, fromMs: bounds[i]!, toMs: bounds[i + 1]! }));
}

const HOUR_MS = 3_600_000;

/**
 * The first instant whose local date in `zone` is `date` (YYYY-MM-DD), epoch ms: midnight where it exists; where
 * daylight saving skips midnight (America/Havana in March: 00:00 becomes 01:00) the instant the day begins; where
 * midnight happens twice (America/Havana in November) the first. Found by bisection on the instant, since the local
 * date never goes backwards as time passes (a fall-back repeats the last hour of a day or the first, it never
 * returns to an earlier date); UTC offsets lie within -12 h and +14 h.
 */
export function localMidnightMs(date: string, zone: string): number {
  const utcMidnight = Date.parse(`${date}T00:00:00Z`);
  if (!Number.isFinite(utcMidnight)) throw new RangeError(`not a date: "${date}"`);
  const localDate = (ms: number): string => DateTime.fromMillis(ms, { zone }).toISODate() ?? '';
  let before = utcMidnight - 15 * HOUR_MS; // local date < `date` at any offset up to +14 h
  let atOrAfter = utcMidnight + 13 * HOUR_MS; // local date >= `date` at any offset down to -12 h
  while (atOrAfter - before > 1) {
    const middle = Math.floor((before + atOrAfter) / 2);
    if (localDate(middle) >= date) atOrAfter = middle;
    else before = middle;
  }
  return atOrAfter;
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
