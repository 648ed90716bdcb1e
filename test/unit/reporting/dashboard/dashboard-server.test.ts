// The dashboard's HTTP routes on 127.0.0.1 over an in-memory reader: page, JSON, SVG, validation, outages, shared refreshes.
import { expect } from 'chai';
import { NullLogger } from '../../../../common/logger';
import { DashboardData } from '../../../../reporting/dashboard/dashboard-data';
import { startDashboardServer, type RunningDashboard } from '../../../../reporting/dashboard/dashboard-server';
import { InMemoryPostReader } from '../posts/in-memory-post-reader';

const NOW = Date.UTC(2026, 10, 20, 10, 14, 30);

describe('dashboard server', () => {
  const reader = new InMemoryPostReader();
  let clock = NOW;
  let server: RunningDashboard;

  before(async () => {
    reader.add(NOW - 1000, 'NEGATIVE', { text: '<img src=x onerror=alert(1)>' });
    server = await startDashboardServer(
      new DashboardData(reader, () => clock, { sampleLimit: 100, latestCount: 20, topHashtags: 10, reuseMs: 2_000 }),
      { port: 0, defaultMinutes: 15, maxMinutes: 180, refreshSeconds: 5 },
      new NullLogger(),
    );
  });
  after(() => server.close());

  it('listens on 127.0.0.1 only', () => {
    expect(server.url).to.match(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  });

  it('serves a page with no external assets whose inline script is allowed by a nonce', async () => {
    const response = await fetch(server.url);
    const html = await response.text();
    const nonce = /script-src 'nonce-([^']+)'/.exec(response.headers.get('content-security-policy') ?? '')?.[1];
    expect(html).to.contain(`<script nonce="${nonce}">`);
    expect(html).to.not.match(/(src|href)="?(https?:)?\/\//);
    expect(html).to.contain('const MINUTES=15;');
  });

  it('serves the summary as JSON (post text as data, never as markup) and the chart as SVG', async () => {
    const summary = (await (await fetch(`${server.url}api/summary?minutes=5`)).json()) as {
      window: { minutes: number };
      latest: { text: string }[];
    };
    const chart = await fetch(`${server.url}chart.svg?minutes=5`);
    expect(summary.window.minutes).to.equal(5);
    expect(summary.latest[0]!.text).to.equal('<img src=x onerror=alert(1)>');
    expect(chart.headers.get('content-type')).to.equal('image/svg+xml');
    expect(await chart.text()).to.contain('last 5 min');
  });

  it('rejects a window outside 1..180 minutes with 400', async () => {
    for (const minutes of ['0', '181', '1.5', 'abc'])
      expect((await fetch(`${server.url}api/summary?minutes=${minutes}`)).status, minutes).to.equal(400);
  });

  it('answers refreshes within two seconds from one query pair', async () => {
    clock += 10_000;
    const before = reader.queries;
    await Promise.all([1, 2, 3].map(() => fetch(`${server.url}api/summary?minutes=7`)));
    clock += 1_000;
    await fetch(`${server.url}chart.svg?minutes=7`);
    expect(reader.queries - before).to.equal(2);
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
});
