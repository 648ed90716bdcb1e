// The dashboard in a real browser (Debian's Chromium via playwright-core): it shows the posts and counts its API returns, post text as text, times in the configured zone.
import { expect } from 'chai';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { NullLogger } from '../../../../common/logger';
import { DashboardData } from '../../../../reporting/dashboard/dashboard-data';
import { startDashboardServer, type RunningDashboard } from '../../../../reporting/dashboard/dashboard-server';
import { InMemoryPostReader } from '../../../unit/reporting/posts/in-memory-post-reader';
import { chromiumInstalled, CHROMIUM_PATH, launchChromium } from '../../../support/chromium';
import { REPO_ROOT } from '../../../../common/repo-root';

const SCREENSHOTS = path.join(REPO_ROOT, 'test-artifacts');
const HOSTILE = '<script>window.__injected = 1</script><img src=x onerror="window.__injected = 2"> fined again';

interface Summary {
  totals: { posts: number; byLabel: Record<string, number> };
  latest: { text: string; createdAt: string; label: string }[];
}

describe('dashboard in Chromium', function () {
  this.timeout(120_000);
  let browser: Browser | undefined;
  let page: Page | undefined;
  let dashboard: RunningDashboard | undefined;
  const reader = new InMemoryPostReader();

  before(async function () {
    if (!chromiumInstalled()) {
      // CI installs it (.ci/run): there a missing browser is a failure, on a developer machine a skip that says why.
      if (process.env.CI === 'true')
        throw new Error(`${CHROMIUM_PATH} missing: .ci/run installs chromium with apt-get`);
      this.skip();
    }
    const now = Date.now();
    reader.add(now - 3 * 60_000, 'POSITIVE', {
      text: 'buses are faster now',
      user: 'ana_bici',
      hashtags: ['LowEmissionZone'],
    });
    reader.add(now - 2 * 60_000, 'NEGATIVE', {
      text: HOSTILE,
      user: 'pedro',
      hashtags: ['LowEmissionZone', 'Traffic'],
    });
    reader.add(now - 60_000, 'NEUTRAL', { text: 'map of the zone', user: 'elena', hashtags: ['LowEmissionZone'] });
    reader.add(now - 30_000, 'NEGATIVE', { text: 'metro late again', user: 'jorge', hashtags: ['Traffic'] });
    dashboard = await startDashboardServer(
      new DashboardData(reader, Date.now),
      { port: 0, defaultMinutes: 15, maxMinutes: 180, refreshSeconds: 1, timeZone: 'Asia/Kolkata' },
      new NullLogger(),
    );
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && page !== undefined) {
      fs.mkdirSync(SCREENSHOTS, { recursive: true });
      const file = path.join(SCREENSHOTS, `dashboard-${Date.now()}.png`);
      await page.screenshot({ path: file, fullPage: true }).catch(() => undefined);
      process.stderr.write(`dashboard screenshot kept: ${file}\n`);
    }
  });

  after(async () => {
    await browser?.close();
    await dashboard?.close();
  });

  it('shows the counts and the newest posts that /api/summary returns', async () => {
    const api = (await (await fetch(`${dashboard!.url}api/summary`)).json()) as Summary;
    await page!.goto(dashboard!.url);
    // Browser-side code as a string: this tree compiles without the DOM library.
    await page!.waitForFunction(`document.getElementById('posts')?.textContent === '${api.totals.posts}'`, undefined, {
      timeout: 30_000,
    });

    expect(api.totals.posts).to.equal(4);
    expect(await page!.textContent('#negative')).to.equal('50.0%');
    expect(await page!.textContent('#negativeCount')).to.equal('2 negative of 4 scored');
    const rows = await page!.$$eval('#latest tr', (trs) =>
      trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')),
    );
    expect(rows.map((r) => [r[1], r.at(-1)])).to.deep.equal(api.latest.map((p) => [p.label, p.text]));
    expect(await page!.$$eval('#chart svg rect', (rects) => rects.length)).to.be.greaterThan(0);
  });

  it('shows a post holding <script> as text and runs none of it', async () => {
    await page!.waitForSelector('#latest tr');
    const texts = await page!.$$eval('#latest td', (tds) => tds.map((td) => td.textContent));
    expect(texts).to.include(HOSTILE);
    expect(await page!.evaluate('typeof window.__injected')).to.equal('undefined');
    expect(await page!.$$eval('#latest script, #latest img', (nodes) => nodes.length)).to.equal(0);
  });

  it('shows times in the configured zone (Asia/Kolkata, UTC+05:30), not UTC', async () => {
    const api = (await (await fetch(`${dashboard!.url}api/summary`)).json()) as Summary;
    const newest = new Date(api.latest[0]!.createdAt);
    const kolkata = new Date(newest.getTime() + 330 * 60_000).toISOString().slice(11, 19);
    const firstRow = await page!.$$eval('#latest tr:first-child td', (tds) => tds.map((td) => td.textContent));
    expect(firstRow[0]).to.equal(kolkata);
    expect(await page!.textContent('thead')).to.contain('Asia/Kolkata');
    expect(await page!.textContent('#updated')).to.contain('Asia/Kolkata');
  });
});
