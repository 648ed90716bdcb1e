// The dashboard's HTTP interface over an in-memory reader: page and assets, the API of a view, 400s naming the parameter,
// the shared cache, outages, paging, CSV export, server-sent events and the Host allow-list (DNS rebinding).
import { expect } from 'chai';
import * as http from 'node:http';
import type { RunningDashboard } from '../../../../reporting/dashboard/dashboard-server';
import { startTestDashboard } from '../../../support/test-dashboard';
import { InMemorySelectionReader } from '../posts/in-memory-selection-reader';
import { parseCsv } from '../../../support/parse-csv';

const MIN = 60_000;
const NOW = Date.UTC(2026, 10, 20, 10, 14, 30);

/** GET with a chosen Host header (fetch cannot set Host). */
function getWithHost(url: string, host: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers: { Host: host } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
  });
}

describe('dashboard server', () => {
  const reader = new InMemorySelectionReader();
  let clock = NOW;
  let server: RunningDashboard;

  before(async () => {
    reader.add(NOW - 1000, 'NEGATIVE', { text: '<img src=x onerror=alert(1)> metro roto', lang: 'es' });
    reader.add(NOW - 2 * MIN, 'POSITIVE', { text: '=HYPERLINK("http://evil") metro nuevo', lang: 'es', source: 'x' });
    for (let i = 0; i < 7; i++)
      reader.add(NOW - 20 * MIN - i * MIN, 'NEGATIVE', { text: 'metro roto otra vez', lang: 'es' });
    reader.add(NOW - 26 * 60 * MIN, 'NEUTRAL', { text: 'metro', lang: 'en' });
    server = await startTestDashboard(reader, { now: () => clock, reuseMs: 2_000 });
  });
  after(() => server.close());

  it('listens on 127.0.0.1 only', () => {
    expect(server.url).to.match(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  });

  it('serves a page whose scripts and styles all come from the server itself (uPlot from the package)', async () => {
    const response = await fetch(server.url);
    const html = await response.text();
    expect(response.headers.get('content-security-policy')).to.contain("script-src 'self'");
    expect(html).to.not.match(/(src|href)="?(https?:)?\/\//);
    expect(html).to.contain('<script src="assets/uPlot.iife.min.js">');
    const uplot = await fetch(`${server.url}assets/uPlot.iife.min.js`);
    expect(uplot.status).to.equal(200);
    expect(await uplot.text()).to.contain('uPlot');
    expect((await fetch(`${server.url}assets/dashboard.js`)).status).to.equal(200);
    // No sign-in locally (DASHBOARD_AUTH=none), so no sign-out link either.
    expect(html).to.not.contain('id="sign-out"');
  });

  it('answers in Spanish for ?locale=es or an Accept-Language that prefers it', async () => {
    expect(await (await fetch(`${server.url}?locale=es`)).text()).to.contain('<html lang="es">');
    const negotiated = await fetch(server.url, { headers: { 'Accept-Language': 'es-MX,es;q=0.9,en;q=0.5' } });
    expect(await negotiated.text()).to.contain('De qué habla la gente');
    expect(await (await fetch(server.url, { headers: { 'Accept-Language': 'fr' } })).text()).to.contain(
      '<html lang="en">',
    );
  });

  it('summarises a view: minute buckets for minutes=, the totals and the previous period of the same length', async () => {
    const summary = (await (await fetch(`${server.url}api/summary?minutes=5`)).json()) as {
      bucket: string;
      buckets: unknown[];
      totals: { posts: number; negativeShare: number };
      previous: { totals: { posts: number } };
    };
    expect(summary.bucket).to.equal('minute');
    expect(summary.buckets).to.have.length(5);
    expect(summary.totals).to.include({ posts: 2, negativeShare: 0.5 });
    expect(summary.previous.totals.posts).to.equal(0);
    const day = (await (await fetch(`${server.url}api/summary?range=24h&label=NEGATIVE`)).json()) as {
      bucket: string;
      buckets: unknown[];
      totals: { posts: number };
    };
    expect(day.bucket).to.equal('hour');
    expect(day.buckets).to.have.length(24);
    expect(day.totals.posts).to.equal(8);
    const week = (await (await fetch(`${server.url}api/summary?range=7d`)).json()) as {
      bucket: string;
      buckets: unknown[];
    };
    expect(week.bucket).to.equal('day');
    expect(week.buckets).to.have.length(7);
  });

  it('answers 400 naming the parameter for every bad one', async () => {
    const cases: [string, string][] = [
      ['minutes=0', 'minutes'],
      ['minutes=1.5', 'minutes'],
      ['range=3d', 'range'],
      ['label=ANGRY', 'label'],
      ['lang=español', 'lang'],
      ['hashtag=a%20b', 'hashtag'],
      ['from=yesterday', 'from'],
      ['from=2026-11-20T10:00Z&to=2026-11-20T09:00Z', 'to'],
      ['to=2026-11-20T10:00Z', 'from'],
    ];
    for (const [query, parameter] of cases) {
      const response = await fetch(`${server.url}api/summary?${query}`);
      expect(response.status, query).to.equal(400);
      expect(((await response.json()) as { parameter: string }).parameter, query).to.equal(parameter);
    }
    expect((await fetch(`${server.url}api/posts?limit=0`)).status).to.equal(400);
    expect((await fetch(`${server.url}api/posts?cursor=bm90IGEgY3Vyc29y`)).status).to.equal(400);
    expect((await fetch(`${server.url}api/export.csv?part=all`)).status).to.equal(400);
    expect((await fetch(`${server.url}?locale=fr`)).status).to.equal(400);
  });

  it('pages through the whole selection with the cursor, each post once', async () => {
    const seen: string[] = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const page = (await (
        await fetch(`${server.url}api/posts?range=28d&limit=3${cursor === '' ? '' : `&cursor=${cursor}`}`)
      ).json()) as {
        posts: { text: string; createdAt: string }[];
        nextCursor: string | null;
      };
      seen.push(...page.posts.map((p) => p.createdAt));
      cursor = page.nextCursor;
    }
    expect(seen).to.have.length(10);
    expect([...seen].sort().reverse()).to.deep.equal(seen);
  });

  it('ranks the terms of the selection against the previous period', async () => {
    const answer = (await (await fetch(`${server.url}api/terms?range=1h&lang=es`)).json()) as {
      terms: { term: string; posts: number; negativeShare: number; rising: boolean }[];
    };
    expect(answer.terms[0]).to.include({ term: 'metro', posts: 9, rising: true });
    expect(answer.terms.find((t) => t.term === 'roto')).to.include({ posts: 8, negativeShare: 1 });
  });

  it('exports the posts as CSV, text kept as text, and the buckets as a second CSV', async () => {
    const response = await fetch(`${server.url}api/export.csv?range=1h&source=x`);
    expect(response.headers.get('content-type')).to.contain('text/csv');
    const rows = parseCsv(await response.text());
    expect(rows[0]).to.deep.equal([
      'created_at',
      'source',
      'post_id',
      'user',
      'lang',
      'label',
      'score',
      'hashtags',
      'text',
    ]);
    expect(rows).to.have.length(2);
    expect(rows[1]![8]).to.equal(`'=HYPERLINK("http://evil") metro nuevo`);
    const buckets = parseCsv(await (await fetch(`${server.url}api/export.csv?minutes=5&part=buckets`)).text());
    expect(buckets[0]).to.deep.equal([
      'bucket_start',
      'bucket_end',
      'posts',
      'positive',
      'negative',
      'neutral',
      'mixed',
      'unscored',
    ]);
    expect(buckets).to.have.length(6);
  });

  it('answers many pages of one view from one query pair while the answer is fresh', async () => {
    clock += 10_000;
    const before = reader.queries;
    await Promise.all([1, 2, 3, 4, 5].map(() => fetch(`${server.url}api/summary?minutes=7`)));
    clock += 1_000;
    await fetch(`${server.url}chart.svg?minutes=7`);
    expect(reader.queries - before).to.equal(2);
  });

  it('pushes a new summary by server-sent events when a row lands', async () => {
    const controller = new AbortController();
    const response = await fetch(`${server.url}api/events?minutes=15`, { signal: controller.signal });
    expect(response.headers.get('content-type')).to.contain('text/event-stream');
    const stream = response.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    const nextSummary = async (): Promise<{ totals: { posts: number } }> => {
      for (;;) {
        const end = text.indexOf('\n\n', text.indexOf('event: summary'));
        if (text.includes('event: summary') && end > 0) {
          const block = text.slice(text.indexOf('event: summary'), end);
          text = text.slice(end + 2);
          return JSON.parse(block.slice(block.indexOf('data: ') + 6)) as { totals: { posts: number } };
        }
        const chunk = await stream.read();
        if (chunk.done) throw new Error('stream ended');
        text += decoder.decode(chunk.value);
      }
    };
    const first = await nextSummary();
    reader.add(clock - 500, 'NEGATIVE', { text: 'new one' });
    let next = await nextSummary();
    while (next.totals.posts === first.totals.posts) next = await nextSummary();
    expect(next.totals.posts).to.equal(first.totals.posts + 1);
    controller.abort();
  });

  it('answers 503 while the table cannot be read, and recovers on the next refresh', async () => {
    clock += 10_000;
    reader.failWith = new Error('connection refused');
    expect((await fetch(`${server.url}api/summary`)).status).to.equal(503);
    reader.failWith = undefined;
    expect((await fetch(`${server.url}api/summary`)).status).to.equal(200);
  });

  it('answers 404 for unknown paths and 405 for other methods', async () => {
    expect((await fetch(`${server.url}nope`)).status).to.equal(404);
    expect((await fetch(`${server.url}api/summary`, { method: 'POST' })).status).to.equal(405);
  });

  // Issue 25 item 12: a DNS-rebinding page (evil.example resolving to 127.0.0.1) sends its own name as Host.
  it('refuses any Host not allowed with 421, on the page and the API, and answers /healthz whatever the Host', async () => {
    for (const path of ['', 'api/summary', 'api/posts', 'api/export.csv', 'api/events', 'assets/dashboard.js'])
      expect((await getWithHost(`${server.url}${path}`, 'evil.example:4570')).status, path).to.equal(421);
    expect((await getWithHost(`${server.url}api/summary`, '127.0.0.1.evil.example')).status).to.equal(421);
    expect((await getWithHost(`${server.url}api/summary`, 'localhost:4570')).status).to.equal(200);
    expect((await getWithHost(`${server.url}api/summary`, '[::1]:4570')).status).to.equal(200);
    expect(await getWithHost(`${server.url}healthz`, 'internal-alb-1234.eu-west-1.elb.amazonaws.com')).to.deep.equal({
      status: 200,
      body: '{"ok":true}\n',
    });
  });

  it('serves the host names DASHBOARD_ALLOWED_HOSTS names, and only those', async () => {
    const other = await startTestDashboard(new InMemorySelectionReader(), { allowedHosts: ['dashboard.city.example'] });
    try {
      expect((await getWithHost(`${other.url}api/summary`, 'dashboard.city.example')).status).to.equal(200);
      expect((await getWithHost(`${other.url}api/summary`, '127.0.0.1')).status).to.equal(421);
    } finally {
      await other.close();
    }
  });
});
