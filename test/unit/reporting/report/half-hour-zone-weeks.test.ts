// The weekly report's days in zones whose offset is not whole hours: Asia/Kolkata (+05:30) and Australia/Adelaide
// (+10:30 in summer, +09:30 in winter): each day from its local midnight, each post on the day of its local date.
import { expect } from 'chai';
import { DateTime } from 'luxon';
import { weekSentiment } from '../../../../reporting/report/weekly-report-builder';
import { zonedWeekDays } from '../../../../reporting/report/zoned-week';
import { InMemoryPostReader } from '../posts/in-memory-post-reader';

const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();

describe('weekly report days in half-hour zones', () => {
  it('Asia/Kolkata: every day starts at local midnight, 18:30 UTC the day before', () => {
    const days = zonedWeekDays({ year: 2026, week: 50 }, 'Asia/Kolkata');
    expect(days.map((d) => iso(d.fromMs))).to.deep.equal([
      '2026-12-06T18:30:00.000Z',
      '2026-12-07T18:30:00.000Z',
      '2026-12-08T18:30:00.000Z',
      '2026-12-09T18:30:00.000Z',
      '2026-12-10T18:30:00.000Z',
      '2026-12-11T18:30:00.000Z',
      '2026-12-12T18:30:00.000Z',
    ]);
    expect(iso(days[6]!.toMs)).to.equal('2026-12-13T18:30:00.000Z');
  });

  it('Australia/Adelaide: the Sunday daylight saving ends has 25 hours; days start at 13:30 then 14:30 UTC', () => {
    const days = zonedWeekDays({ year: 2026, week: 14 }, 'Australia/Adelaide'); // Sunday 2026-04-05
    expect(iso(days[0]!.fromMs)).to.equal('2026-03-29T13:30:00.000Z');
    expect(days.map((d) => (d.toMs - d.fromMs) / HOUR)).to.deep.equal([24, 24, 24, 24, 24, 24, 25]);
    expect(iso(days[6]!.toMs)).to.equal('2026-04-05T14:30:00.000Z');
  });

  it('counts a post ten minutes after local midnight on the new day, one ten minutes before on the old', async () => {
    for (const [zone, week, before, after] of [
      ['Asia/Kolkata', 50, '2026-12-08T23:50', '2026-12-09T00:10'],
      ['Australia/Adelaide', 14, '2026-04-04T23:50', '2026-04-05T00:10'],
    ] as const) {
      const reader = new InMemoryPostReader();
      reader.add(DateTime.fromISO(before, { zone }).toMillis(), 'NEGATIVE');
      reader.add(DateTime.fromISO(after, { zone }).toMillis(), 'POSITIVE');
      reader.add(DateTime.fromISO(after, { zone }).plus({ minutes: 20 }).toMillis(), 'POSITIVE');
      const figures = await weekSentiment(reader, { year: 2026, week }, zone);
      const byDate = Object.fromEntries(figures.days.filter((d) => d.posts > 0).map((d) => [d.date, d.counts]));
      expect(byDate, zone).to.deep.equal({
        [before.slice(0, 10)]: { POSITIVE: 0, NEGATIVE: 1, NEUTRAL: 0, MIXED: 0, UNSCORED: 0 },
        [after.slice(0, 10)]: { POSITIVE: 2, NEGATIVE: 0, NEUTRAL: 0, MIXED: 0, UNSCORED: 0 },
      });
    }
  });
});
