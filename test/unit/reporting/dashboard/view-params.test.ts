// The URL state read into a view: presets end with the current bucket, buckets follow the range, the zone's days, 400s.
import { expect } from 'chai';
import { BadParameterError } from '../../../../reporting/dashboard/dashboard-errors';
import { bucketFor, parseView } from '../../../../reporting/dashboard/view-params';
import { foldCounts, zoneBuckets } from '../../../../reporting/dashboard/zone-buckets';

const NOW = Date.UTC(2026, 11, 6, 10, 14, 30);
const view = (query: string, timeZone = 'UTC') =>
  parseView(new URLSearchParams(query), NOW, { timeZone, defaultMinutes: 15 });
const iso = (ms: number) => new Date(ms).toISOString();

describe('parseView', () => {
  it('defaults to the last 15 minutes, ending with the current minute', () => {
    const v = view('');
    expect([iso(v.selection.fromMs), iso(v.selection.toMs), v.bucket]).to.deep.equal([
      '2026-12-06T10:00:00.000Z',
      '2026-12-06T10:15:00.000Z',
      'minute',
    ]);
    expect(v.relativeMs).to.equal(15 * 60_000);
  });

  it('keeps minutes= and gives each preset its bucket', () => {
    expect(view('minutes=60').bucket).to.equal('minute');
    expect(view('range=24h')).to.deep.include({ bucket: 'hour' });
    expect(iso(view('range=24h').selection.toMs)).to.equal('2026-12-06T11:00:00.000Z');
    expect(view('range=28d').bucket).to.equal('day');
  });

  it('counts 7 and 28 days as whole local days of the zone, across a DST change', () => {
    const v = view('range=7d', 'Europe/Madrid');
    expect(iso(v.selection.toMs)).to.equal('2026-12-06T23:00:00.000Z');
    expect(iso(v.selection.fromMs)).to.equal('2026-11-29T23:00:00.000Z');
    const spring = parseView(new URLSearchParams('range=28d'), Date.UTC(2027, 3, 10, 12), {
      timeZone: 'Europe/Madrid',
      defaultMinutes: 15,
    });
    expect(iso(spring.selection.fromMs)).to.equal('2027-03-13T23:00:00.000Z');
    const buckets = zoneBuckets(spring.selection.fromMs, spring.selection.toMs, 'day', 'Europe/Madrid');
    expect(buckets).to.have.length(28);
    expect(buckets.some((b) => b.endMs - b.startMs === 23 * 3_600_000)).to.equal(true);
  });

  it('reads from/to as ISO instants or local times of the zone; the bucket follows the length', () => {
    const v = view('from=2026-12-01T08:00&to=2026-12-01T10:00', 'America/Mexico_City');
    expect(iso(v.selection.fromMs)).to.equal('2026-12-01T14:00:00.000Z');
    expect(v.bucket).to.equal('minute');
    expect(v.relativeMs).to.equal(undefined);
    expect(view('from=2026-12-01T00:00:00Z&to=2026-12-02T00:00:00Z').bucket).to.equal('hour');
    expect(bucketFor(4 * 24 * 3_600_000)).to.equal('day');
  });

  it('normalises the filters and keys the view by them', () => {
    const v = view('label=negative&lang=ES&hashtag=%23ZBE&q=%20multa%20&source=X');
    expect(v.selection).to.deep.include({ label: 'NEGATIVE', lang: 'es', hashtag: 'ZBE', q: 'multa', source: 'x' });
    expect(view('label=').selection.label).to.equal(undefined);
    expect(view('range=1h&label=NEGATIVE').key).to.not.equal(view('range=1h').key);
    expect(view('range=1h').key).to.equal(
      parseView(new URLSearchParams('range=1h'), NOW + 60_000, { timeZone: 'UTC', defaultMinutes: 15 }).key,
    );
  });

  it('names the bad parameter', () => {
    for (const [query, parameter] of [
      ['minutes=0', 'minutes'],
      ['range=2w', 'range'],
      ['label=ANGRY', 'label'],
      ['from=soon', 'from'],
      ['from=2026-12-02T00:00Z&to=2026-12-01T00:00Z', 'to'],
      ['from=2024-01-01T00:00Z&to=2026-01-01T00:00Z', 'from'],
      ['hashtag=two%20words', 'hashtag'],
      [`q=${'x'.repeat(201)}`, 'q'],
    ]) {
      expect(() => view(query!), query)
        .to.throw(BadParameterError)
        .with.property('parameter', parameter);
    }
  });
});

describe('foldCounts', () => {
  it('adds UTC hour counts to the local day holding them (UTC-6: 05:00 UTC is the day before)', () => {
    const buckets = zoneBuckets(Date.UTC(2026, 11, 1, 6), Date.UTC(2026, 11, 3, 6), 'day', 'America/Mexico_City');
    foldCounts(buckets, [
      { bucketMs: Date.UTC(2026, 11, 2, 5), label: 'NEGATIVE', posts: 2, scoreSum: 0, scored: 2 },
      { bucketMs: Date.UTC(2026, 11, 2, 6), label: 'NEGATIVE', posts: 3, scoreSum: 0, scored: 3 },
    ]);
    expect(buckets.map((b) => b.counts.NEGATIVE)).to.deep.equal([2, 3]);
  });
});
