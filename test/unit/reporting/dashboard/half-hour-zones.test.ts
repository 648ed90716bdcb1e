// The chart's hours and days in zones whose offset is not whole hours (Asia/Kolkata +05:30, Australia/Adelaide
// +09:30/+10:30, Australia/Lord_Howe +10:30/+11:00): every post in the bucket of its own local hour and day.
import { expect } from 'chai';
import { DateTime } from 'luxon';
import { DashboardViews } from '../../../../reporting/dashboard/dashboard-views';
import { parseView } from '../../../../reporting/dashboard/view-params';
import { countGrainFor, zoneBuckets } from '../../../../reporting/dashboard/zone-buckets';
import { InMemorySelectionReader } from '../posts/in-memory-selection-reader';

const NOW = Date.UTC(2026, 11, 20, 0, 0, 0);

/** The summary's buckets that hold posts, as `local start -> posts`, for posts at the given local times. */
async function bucketsOf(
  timeZone: string,
  query: string,
  localTimes: readonly string[],
): Promise<Record<string, number>> {
  const reader = new InMemorySelectionReader();
  for (const local of localTimes) reader.add(DateTime.fromISO(local, { zone: timeZone }).toMillis(), 'NEGATIVE');
  const views = new DashboardViews(reader, { timeZone, liveReuseMs: 0, fixedReuseMs: 0, topTerms: 20 });
  const view = parseView(new URLSearchParams(query), NOW, { timeZone, defaultMinutes: 15 });
  const summary = await views.summary(view);
  const filled = summary.buckets.filter((b) => b.counts.NEGATIVE > 0);
  return Object.fromEntries(
    filled.map((b) => [
      DateTime.fromISO(b.start, { zone: timeZone }).toFormat("yyyy-MM-dd'T'HH:mm"),
      b.counts.NEGATIVE,
    ]),
  );
}

describe('dashboard buckets in zones with half-hour offsets', () => {
  it('Asia/Kolkata: a post ten minutes after local midnight is on the new day, one ten minutes before on the old', async () => {
    const days = await bucketsOf('Asia/Kolkata', 'from=2026-12-01T00:00&to=2026-12-08T00:00', [
      '2026-12-01T23:50',
      '2026-12-02T00:10',
      '2026-12-02T00:20',
    ]);
    expect(days).to.deep.equal({ '2026-12-01T00:00': 1, '2026-12-02T00:00': 2 });
  });

  it('Asia/Kolkata: hour buckets are local hours (10:10 in the 10:00 bar, 09:50 in the 09:00 bar)', async () => {
    const hours = await bucketsOf('Asia/Kolkata', 'from=2026-12-01T06:00&to=2026-12-02T06:00', [
      '2026-12-01T09:50',
      '2026-12-01T10:10',
      '2026-12-01T10:40',
    ]);
    expect(hours).to.deep.equal({ '2026-12-01T09:00': 1, '2026-12-01T10:00': 2 });
  });

  it('Australia/Adelaide: local days before and after daylight saving starts (+09:30, then +10:30)', async () => {
    const days = await bucketsOf('Australia/Adelaide', 'from=2026-10-01T00:00&to=2026-10-08T00:00', [
      '2026-10-03T23:50',
      '2026-10-04T00:10',
      '2026-10-05T00:10',
      '2026-10-04T23:50',
    ]);
    expect(days).to.deep.equal({ '2026-10-03T00:00': 1, '2026-10-04T00:00': 2, '2026-10-05T00:00': 1 });
  });

  it('Australia/Lord_Howe: its half-hour daylight saving change moves the hours, so minutes are counted', async () => {
    const range = { from: '2026-10-01T00:00', to: '2026-10-08T00:00' };
    const buckets = zoneBuckets(
      DateTime.fromISO(range.from, { zone: 'Australia/Lord_Howe' }).toMillis(),
      DateTime.fromISO(range.to, { zone: 'Australia/Lord_Howe' }).toMillis(),
      'day',
      'Australia/Lord_Howe',
    );
    expect(countGrainFor(buckets, 'day')).to.deep.equal({ grain: 'minute', hourStartMinute: 0 });
    const days = await bucketsOf('Australia/Lord_Howe', `from=${range.from}&to=${range.to}`, [
      '2026-10-02T23:50',
      '2026-10-03T00:10',
      '2026-10-05T00:10',
      '2026-10-04T23:50',
    ]);
    expect(days).to.deep.equal({
      '2026-10-02T00:00': 1,
      '2026-10-03T00:00': 1,
      '2026-10-04T00:00': 1,
      '2026-10-05T00:00': 1,
    });
  });

  it('asks whole UTC hours in whole-hour zones, and hours from a quarter or half past elsewhere', () => {
    const grain = (zone: string) =>
      countGrainFor(zoneBuckets(Date.UTC(2026, 11, 1), Date.UTC(2026, 11, 8), 'day', zone), 'day');
    expect(grain('Europe/Madrid')).to.deep.equal({ grain: 'hour', hourStartMinute: 0 });
    expect(grain('Asia/Kolkata')).to.deep.equal({ grain: 'hour', hourStartMinute: 30 });
    expect(grain('America/St_Johns')).to.deep.equal({ grain: 'hour', hourStartMinute: 30 });
    expect(grain('Asia/Kathmandu')).to.deep.equal({ grain: 'hour', hourStartMinute: 15 });
    expect(countGrainFor([], 'minute')).to.deep.equal({ grain: 'minute', hourStartMinute: 0 });
  });
});
