// ISO 8601 weeks (Monday to Sunday, week 1 holds the year's first Thursday), in UTC: parse "2026-W47", find a week's days, the previous week.
import { UsageError } from '../reporting-errors';

export interface IsoWeek {
  readonly year: number;
  readonly week: number;
}

const DAY_MS = 86_400_000;

export function formatIsoWeek(week: IsoWeek): string {
  return `${week.year}-W${String(week.week).padStart(2, '0')}`;
}

/** The ISO week that contains the instant `ms` (UTC). */
export function isoWeekOf(ms: number): IsoWeek {
  const day = Math.floor(ms / DAY_MS) * DAY_MS;
  const weekday = (new Date(day).getUTCDay() + 6) % 7; // Monday 0 .. Sunday 6
  const thursday = day + (3 - weekday) * DAY_MS;
  const year = new Date(thursday).getUTCFullYear();
  return { year, week: Math.floor((thursday - Date.UTC(year, 0, 1)) / (7 * DAY_MS)) + 1 };
}

/** Monday 00:00 UTC of the week, epoch ms. */
export function isoWeekStartMs(week: IsoWeek): number {
  const jan4 = Date.UTC(week.year, 0, 4);
  const mondayOfWeek1 = jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * DAY_MS;
  return mondayOfWeek1 + (week.week - 1) * 7 * DAY_MS;
}

export function weeksInYear(year: number): number {
  return isoWeekOf(Date.UTC(year, 11, 28)).week;
}

export function parseIsoWeek(text: string): IsoWeek {
  const match = /^(\d{4})-?W(\d{2})$/i.exec(text.trim());
  if (match === null) throw new UsageError(`--week must look like 2026-W47, got "${text}"`);
  const week = { year: Number(match[1]), week: Number(match[2]) };
  if (week.week < 1 || week.week > weeksInYear(week.year))
    throw new UsageError(`${text}: ${week.year} has weeks 01 to ${weeksInYear(week.year)}`);
  return week;
}

/** The week before the one containing `nowMs`: what a Monday-morning run reports on. */
export function previousIsoWeek(nowMs: number): IsoWeek {
  return isoWeekOf(nowMs - 7 * DAY_MS);
}

/** The seven days of the week as [startMs, endMs) UTC ranges' starts, Monday first. */
export function weekDays(week: IsoWeek): number[] {
  const start = isoWeekStartMs(week);
  return Array.from({ length: 7 }, (_, i) => start + i * DAY_MS);
}
