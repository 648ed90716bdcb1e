// Unit tests of report days in a time zone and of which week the Monday schedule owes.
import { expect } from 'chai';
import { dueWeek } from '../../../../reporting/report/report-scheduler';
import { assertTimeZone, zonedPreviousWeek, zonedWeekDays } from '../../../../reporting/report/zoned-week';
import { formatIsoWeek } from '../../../../reporting/report/iso-week';

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
