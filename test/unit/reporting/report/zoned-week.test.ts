// Unit tests of report days in a time zone and of which week the Monday schedule owes.
import { expect } from 'chai';
import { dueWeek } from '../../../../reporting/report/report-scheduler';
import { DateTime } from 'luxon';
import {
  assertTimeZone,
  localMidnightMs,
  zonedPreviousWeek,
  zonedWeekDays,
} from '../../../../reporting/report/zoned-week';
import { formatIsoWeek, weeksInYear } from '../../../../reporting/report/iso-week';

const HOUR = 3_600_000;

describe('zoned weeks', () => {
  it('a week in Europe/Madrid starts at local midnight (23:00 UTC the day before in winter)', () => {
    const days = zonedWeekDays({ year: 2026, week: 47 }, 'Europe/Madrid');
    expect(days.map((d) => d.date)).to.deep.equal([
      '2026-11-16',
      '2026-11-17',
      '2026-11-18',
      '2026-11-19',
      '2026-11-20',
      '2026-11-21',
      '2026-11-22',
    ]);
    expect(new Date(days[0]!.fromMs).toISOString()).to.equal('2026-11-15T23:00:00.000Z');
    expect(days[6]!.toMs - days[0]!.fromMs).to.equal(7 * 24 * HOUR);
  });

  it('the day daylight saving starts has 23 hours, the day it ends 25', () => {
    const spring = zonedWeekDays({ year: 2026, week: 13 }, 'Europe/Madrid'); // Sunday 2026-03-29
    const autumn = zonedWeekDays({ year: 2026, week: 43 }, 'Europe/Madrid'); // Sunday 2026-10-25
    expect(spring[6]!.toMs - spring[6]!.fromMs).to.equal(23 * HOUR);
    expect(autumn[6]!.toMs - autumn[6]!.fromMs).to.equal(25 * HOUR);
  });

  it('the previous week depends on the zone: Monday 01:00 in Madrid is still Sunday in UTC', () => {
    const at = Date.UTC(2026, 10, 23, 0, 30); // Monday 01:30 Madrid, Monday 00:30 UTC
    expect(formatIsoWeek(zonedPreviousWeek(at, 'Europe/Madrid'))).to.equal('2026-W47');
    expect(formatIsoWeek(zonedPreviousWeek(Date.UTC(2026, 10, 22, 23, 30), 'UTC'))).to.equal('2026-W46');
    expect(formatIsoWeek(zonedPreviousWeek(Date.UTC(2026, 10, 22, 23, 30), 'Europe/Madrid'))).to.equal('2026-W47');
  });

  it('the schedule owes last week from Monday 08:00 local time, the week before until then', () => {
    const schedule = { timeZone: 'America/Los_Angeles', hour: 8, minute: 0 };
    const mondayLocal = (h: number, m: number): number => Date.UTC(2026, 10, 23, h + 8, m); // PST = UTC-8
    expect(formatIsoWeek(dueWeek(mondayLocal(7, 59), schedule))).to.equal('2026-W46');
    expect(formatIsoWeek(dueWeek(mondayLocal(8, 0), schedule))).to.equal('2026-W47');
    expect(formatIsoWeek(dueWeek(Date.UTC(2026, 10, 27, 12), schedule))).to.equal('2026-W47');
  });

  it('rejects a zone that is not IANA, naming the variable', () => {
    expect(() => assertTimeZone('Mars/Olympus', 'REPORT_TIME_ZONE')).to.throw(
      'REPORT_TIME_ZONE must be an IANA time zone',
    );
    expect(assertTimeZone('Asia/Kolkata', 'X')).to.equal('Asia/Kolkata');
  });
});

describe('zoned weeks where daylight saving changes at midnight (issue 25, item 9)', () => {
  const weeksOf = (year: number): { year: number; week: number }[] =>
    Array.from({ length: weeksInYear(year) }, (_, i) => ({ year, week: i + 1 }));
  const weekIndexOf = (ms: number, weeks: readonly ReturnType<typeof zonedWeekDays>[]): number[] =>
    weeks.flatMap((days, i) => (ms >= days[0]!.fromMs && ms < days[6]!.toMs ? [i] : []));

  for (const zone of ['America/Havana', 'Asia/Beirut']) {
    it(`${zone}: every week of 2026 and 2027 ends exactly where the next begins, days tile the week`, () => {
      const weeks = [...weeksOf(2026), ...weeksOf(2027)].map((w) => zonedWeekDays(w, zone));
      for (let i = 0; i < weeks.length; i += 1) {
        const days = weeks[i]!;
        for (let d = 1; d < 7; d += 1) expect(days[d]!.fromMs).to.equal(days[d - 1]!.toMs);
        if (i + 1 < weeks.length) expect(weeks[i + 1]![0]!.fromMs).to.equal(days[6]!.toMs);
        for (const day of days) {
          // Each bound is the first instant of its own local date.
          expect(DateTime.fromMillis(day.fromMs, { zone }).toISODate()).to.equal(day.date);
          expect((DateTime.fromMillis(day.fromMs - 1, { zone }).toISODate() ?? '') < day.date).to.equal(true);
        }
      }
    });

    it(`${zone}: an instant every 10 minutes around each change is in exactly one week, the one of its local date`, () => {
      const weeks = weeksOf(2026).map((w) => zonedWeekDays(w, zone));
      const changes: number[] = [];
      for (let ms = Date.UTC(2026, 0, 5); ms < Date.UTC(2026, 11, 27); ms += HOUR) {
        if (DateTime.fromMillis(ms, { zone }).offset !== DateTime.fromMillis(ms + HOUR, { zone }).offset)
          changes.push(ms);
      }
      expect(changes).to.have.length(2);
      for (const change of changes)
        for (let ms = change - 30 * HOUR; ms < change + 30 * HOUR; ms += 10 * 60_000) {
          const index = weekIndexOf(ms, weeks);
          expect(index, new Date(ms).toISOString()).to.have.length(1);
          const local = DateTime.fromMillis(ms, { zone });
          expect(weeks[index[0]!]![0]!.date <= (local.toISODate() ?? '')).to.equal(true);
          expect(index[0]! + 1).to.equal(local.weekNumber);
        }
    });
  }

  it('America/Havana: 2026-03-08 begins at 01:00 local (midnight is skipped), so the week of 2 March has 167 hours', () => {
    const days = zonedWeekDays({ year: 2026, week: 10 }, 'America/Havana');
    expect(days[6]!.date).to.equal('2026-03-08');
    expect(DateTime.fromMillis(days[6]!.fromMs, { zone: 'America/Havana' }).toFormat('HH:mm')).to.equal('01:00');
    expect(days[6]!.toMs - days[0]!.fromMs).to.equal(167 * HOUR);
    // Monday 9 March starts at its own midnight (00:00 -04), not at Sunday's start + 24 h (01:00).
    expect(new Date(days[6]!.toMs).toISOString()).to.equal('2026-03-09T04:00:00.000Z');
  });

  it('Asia/Beirut: the autumn change repeats 23:00 of Saturday 24 October, so that day has 25 hours', () => {
    const days = zonedWeekDays({ year: 2026, week: 43 }, 'Asia/Beirut');
    expect(days[5]!.date).to.equal('2026-10-24');
    expect(days[5]!.toMs - days[5]!.fromMs).to.equal(25 * HOUR);
    expect(days[6]!.toMs - days[0]!.fromMs).to.equal(169 * HOUR);
  });

  it('localMidnightMs rejects a malformed date', () => {
    expect(() => localMidnightMs('2026-13-40', 'UTC')).to.throw(RangeError);
  });
});
