// ISO 8601 week arithmetic in UTC, checked against calendar facts (week 53 years, weeks spanning New Year).
import { expect } from 'chai';
import {
  formatIsoWeek,
  isoWeekOf,
  isoWeekStartMs,
  parseIsoWeek,
  previousIsoWeek,
  weekDays,
  weeksInYear,
} from '../../../../reporting/report/iso-week';
import { UsageError } from '../../../../reporting/reporting-errors';

const day = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

describe('ISO weeks', () => {
  it('starts 2026-W47 on Monday 16 November 2026 and ends it on Sunday the 22nd', () => {
    const days = weekDays(parseIsoWeek('2026-W47'));
    expect(days.map(day)).to.deep.equal([
      '2026-11-16',
      '2026-11-17',
      '2026-11-18',
      '2026-11-19',
      '2026-11-20',
      '2026-11-21',
      '2026-11-22',
    ]);
  });

  it('puts 1 January 2021 in 2020-W53 and 29 December 2025 in 2026-W01', () => {
    expect(formatIsoWeek(isoWeekOf(Date.UTC(2021, 0, 1)))).to.equal('2020-W53');
    expect(formatIsoWeek(isoWeekOf(Date.UTC(2025, 11, 29)))).to.equal('2026-W01');
    expect(day(isoWeekStartMs({ year: 2026, week: 1 }))).to.equal('2025-12-29');
  });

  it('knows which years have 53 weeks', () => {
    expect([2015, 2020, 2026, 2032].map(weeksInYear)).to.deep.equal([53, 53, 53, 53]);
    expect([2021, 2024, 2025].map(weeksInYear)).to.deep.equal([52, 52, 52]);
  });

  it('reports on the previous week when run on Monday morning, and on Sunday night', () => {
    expect(formatIsoWeek(previousIsoWeek(Date.UTC(2026, 10, 23, 6, 0)))).to.equal('2026-W47');
    expect(formatIsoWeek(previousIsoWeek(Date.UTC(2026, 10, 22, 23, 59)))).to.equal('2026-W46');
    expect(formatIsoWeek(previousIsoWeek(Date.UTC(2027, 0, 4, 6, 0)))).to.equal('2026-W53');
  });

  it('refuses malformed weeks and weeks the year does not have', () => {
    for (const bad of ['2026-47', '2026-W7', 'W47', '2025-W53', '2026-W00'])
      expect(() => parseIsoWeek(bad), bad).to.throw(UsageError);
    expect(formatIsoWeek(parseIsoWeek('2026W05'))).to.equal('2026-W05');
  });
});
