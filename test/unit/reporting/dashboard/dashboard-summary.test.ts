// The dashboard's pure summary and chart: minute buckets, negative share over scored posts, hashtag counting, SVG escaping.
import { expect } from 'chai';
import { buildSummary, countHashtags, summaryRange } from '../../../../reporting/dashboard/dashboard-summary';
import { renderMinuteChart } from '../../../../reporting/dashboard/minute-chart-svg';
import { countAxis } from '../../../../reporting/render/chart-scale';
import { InMemoryPostReader } from '../posts/in-memory-post-reader';

const MIN = 60_000;
const NOW = Date.UTC(2026, 10, 20, 10, 14, 30);

async function summaryOf(reader: InMemoryPostReader, minutes = 15, sampleLimit = 100) {
  const range = summaryRange(NOW, minutes);
  return buildSummary({
    nowMs: NOW,
    minutes,
    counts: await reader.countByLabel(range, 'minute'),
    sample: await reader.latestPosts(range, sampleLimit),
    sampleLimit,
    latestCount: 2,
    topHashtags: 10,
  });
}

describe('dashboard summary', () => {
  it('covers the last 15 minute buckets, ending with the current partial minute', () => {
    const range = summaryRange(NOW, 15);
    expect(new Date(range.fromMs).toISOString()).to.equal('2026-11-20T10:00:00.000Z');
    expect(new Date(range.toMs).toISOString()).to.equal('2026-11-20T10:15:00.000Z');
  });

  it('puts each post in its minute and leaves quiet minutes at zero', async () => {
    const reader = new InMemoryPostReader();
    reader.add(NOW - 14 * MIN, 'NEGATIVE'); // 10:00:30
    reader.add(NOW, 'POSITIVE');
    reader.add(NOW, 'POSITIVE');
    reader.add(NOW - 15 * MIN, 'NEGATIVE'); // 09:59:30, outside

    const summary = await summaryOf(reader);

    expect(summary.perMinute).to.have.length(15);
    expect(summary.perMinute[0]).to.deep.include({ minute: '2026-11-20T10:00:00.000Z' });
    expect(summary.perMinute[0]!.counts.NEGATIVE).to.equal(1);
    expect(summary.perMinute[14]!.counts.POSITIVE).to.equal(2);
    expect(summary.perMinute.slice(1, 14).every((m) => Object.values(m.counts).every((c) => c === 0))).to.equal(true);
  });

  it('takes the negative share over scored posts only, and null when none was scored', async () => {
    const reader = new InMemoryPostReader();
    for (const label of ['NEGATIVE', 'POSITIVE', 'NEUTRAL', 'NEGATIVE', 'UNSCORED', 'UNSCORED'] as const)
      reader.add(NOW, label);
    expect((await summaryOf(reader)).totals).to.deep.include({ posts: 6, negativeShare: 0.5 });
    expect((await summaryOf(new InMemoryPostReader())).totals.negativeShare).to.equal(null);
  });

  it('counts each hashtag once per post, case- and #-insensitively, most frequent first', () => {
    const reader = new InMemoryPostReader();
    const posts = [
      reader.add(NOW, 'NEUTRAL', { hashtags: ['TransitPolicy', '#transitpolicy', 'fares'] }),
      reader.add(NOW, 'NEUTRAL', { hashtags: ['#Fares', 'bus'] }),
      reader.add(NOW, 'NEUTRAL', { hashtags: ['transitpolicy', ''] }),
    ];
    expect(countHashtags(posts)).to.deep.equal([
      { tag: 'fares', posts: 2 },
      { tag: 'transitpolicy', posts: 2 },
      { tag: 'bus', posts: 1 },
    ]);
  });

  it('says when hashtags were counted over a sample of the newest posts only', async () => {
    const reader = new InMemoryPostReader();
    for (let i = 0; i < 5; i += 1) reader.add(NOW - i * 1000, 'NEUTRAL');
    const summary = await summaryOf(reader, 15, 3);
    expect(summary.hashtagSample).to.deep.equal({ sampledPosts: 3, complete: false });
    expect(summary.latest.map((p) => p.postId)).to.deep.equal(['1', '2']);
  });

  it('renders one bar per label per minute in an SVG whose text is escaped', async () => {
    const reader = new InMemoryPostReader();
    reader.add(NOW, 'NEGATIVE');
    reader.add(NOW, 'MIXED');
    const svg = renderMinuteChart(await summaryOf(reader));
    expect(svg).to.match(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg.match(/<rect [^>]*><title>/g)).to.have.length(2);
    expect(svg).to.contain('10:14 NEGATIVE: 1').and.contain('>10:00<');
    expect(svg).to.not.match(/<script|href/);
  });
});

describe('chart axis', () => {
  it('steps in round numbers up to the top of the data', () => {
    expect(countAxis(25).ticks).to.deep.equal([0, 10, 20, 30]);
    expect(countAxis(372).ticks).to.deep.equal([0, 100, 200, 300, 400]);
    expect(countAxis(3).ticks).to.deep.equal([0, 1, 2, 3]);
    expect(countAxis(0).ticks).to.deep.equal([0, 1]);
    expect(countAxis(40).ticks).to.deep.equal([0, 10, 20, 30, 40]);
  });
});
