// The weekly report's details as pure functions: the split, representative posts, the alerts log lines, the terms CSV, the week link.
import { expect } from 'chai';
import { parseAlertLine } from '../../../../reporting/report/report-alerts';
import { representativePosts, splitRows, weekTerms, type ExamplePost } from '../../../../reporting/report/week-details';
import { weekLink } from '../../../../reporting/report/weekly-report-builder';
import { renderTermsCsv } from '../../../../reporting/report/weekly-terms-csv';

const post = (text: string, score: number): ExamplePost => ({
  postId: text,
  user: 'u',
  createdAtMs: 0,
  lang: 'es',
  text,
  source: 'x',
  score,
});

describe('weekly report details', () => {
  it('splits by source and by language (primary subtag), largest first, with negative shares over scored posts', () => {
    const { bySource, byLanguage } = splitRows([
      { source: 'x', lang: 'es', label: 'NEGATIVE', posts: 3 },
      { source: 'x', lang: 'es-ES', label: 'POSITIVE', posts: 1 },
      { source: null, lang: 'en', label: 'UNSCORED', posts: 2 },
      { source: 'instagram', lang: null, label: 'NEUTRAL', posts: 2 },
    ]);
    expect(bySource).to.deep.equal([
      { key: 'x', posts: 4, share: 0.5, negativeShare: 0.75 },
      { key: 'instagram', posts: 2, share: 0.25, negativeShare: 0 },
      { key: 'unknown', posts: 2, share: 0.25, negativeShare: null },
    ]);
    expect(byLanguage.map((r) => `${r.key}:${r.posts}`)).to.deep.equal(['es:4', 'en:2', 'unknown:2']);
  });

  it('representative posts mention the top terms first, then the strongest; one per text', () => {
    const candidates = [
      post('Terrible día #ZBE 😡', -0.9),
      post('Terrible día #Madrid', -0.85),
      post('Otra multa de cámara', -0.5),
      post('Qué desastre todo', -0.8),
    ];
    const picked = representativePosts(candidates, ['multa', 'cámara']);
    expect(picked.map((p) => p.text)).to.deep.equal([
      'Otra multa de cámara',
      'Terrible día #ZBE 😡',
      'Qué desastre todo',
    ]);
  });

  it('reads alert lines of both kinds, skipping what is not an alert', () => {
    const line = JSON.stringify({
      kind: 'negative-share',
      detectedAt: '2026-11-17T10:00:00.000Z',
      windowStart: '2026-11-17T09:00:00.000Z',
      windowEnd: '2026-11-17T10:00:00.000Z',
      negativePosts: 12,
      terms: [{ term: 'metro', posts: 5 }],
    });
    expect(parseAlertLine(line)).to.deep.include({ kind: 'negative-share', negativePosts: 12, terms: ['metro'] });
    expect(parseAlertLine('{"kind":"negative-burst"')).to.equal(undefined);
    expect(parseAlertLine('{"kind":"x","detectedAt":"soon"}')).to.equal(undefined);
  });

  it('writes the terms CSV with machine numbers and defuses formula-looking terms', () => {
    const csv = renderTermsCsv([
      {
        term: '=cmd',
        posts: 3,
        negative: 1,
        scored: 3,
        negativeShare: 1 / 3,
        previousPosts: 0,
        change: null,
        rising: true,
      },
      {
        term: 'metro, bus',
        posts: 2,
        negative: 2,
        scored: 2,
        negativeShare: 1,
        previousPosts: 4,
        change: -0.5,
        rising: false,
      },
    ]).split('\r\n');
    expect(csv[1]).to.equal("'=cmd,3,1,0.3333,0,,true");
    expect(csv[2]).to.equal('"metro, bus",2,2,1,4,-0.5,false');
  });

  it('links the dashboard on the week with from and to as ISO instants, keeping the base path', () => {
    expect(
      weekLink('https://city.example.org/sentiment/', {
        fromMs: Date.UTC(2026, 10, 15, 23),
        toMs: Date.UTC(2026, 10, 22, 23),
      }),
    ).to.equal('https://city.example.org/sentiment/?from=2026-11-15T23%3A00%3A00.000Z&to=2026-11-22T23%3A00%3A00.000Z');
  });
});

describe('weekly report terms', () => {
  const posts = (text: string, n: number, label = 'NEGATIVE') =>
    Array.from({ length: n }, () => ({ text, lang: 'es', label }));

  it('lists the most mentioned terms without words a shown phrase covers, then the terms that rose most', () => {
    const steady = ['metro', 'autobús', 'tráfico', 'centro', 'calle', 'barrio', 'parque', 'aire', 'ruido', 'taxi'];
    const current = [
      ...posts('zona bajas emisiones', 40, 'NEUTRAL'),
      ...steady.flatMap((word, i) => posts(word, 30 - i)),
      ...posts('multa', 12),
      ...posts('cámara', 6),
    ];
    const previous = [
      ...posts('zona bajas emisiones', 38, 'NEUTRAL'),
      ...steady.flatMap((word, i) => posts(word, 30 - i)),
    ];
    const { top, rising } = weekTerms(current, previous);
    // "zona", "bajas" and "emisiones" appear only inside the phrases: left out.
    expect(top.map((t) => t.term)).to.deep.equal([
      'bajas emisiones',
      'zona bajas',
      'metro',
      'autobús',
      'tráfico',
      'centro',
      'calle',
      'barrio',
    ]);
    // Beyond the eight: the terms that gained most (new ones included), not the steady ones.
    expect(rising.map((t) => `${t.term} ${t.posts} ${t.previousPosts}`)).to.deep.equal(['multa 12 0', 'cámara 6 0']);
  });
});
