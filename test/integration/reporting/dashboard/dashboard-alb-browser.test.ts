// DASHBOARD_AUTH=alb in a real browser: the page and its API calls need the load balancer's signed token (a local ES256 key on 127.0.0.1).
import { expect } from 'chai';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser, BrowserContext, Page, Response } from 'playwright-core';
import { ConfigReader } from '../../../../common/config/config-reader';
import { NullLogger } from '../../../../common/logger';
import { REPO_ROOT } from '../../../../common/repo-root';
import { ALB_TOKEN_HEADER, createRequestGate } from '../../../../reporting/dashboard/alb-auth';
import { readDashboardAuth } from '../../../../reporting/dashboard/alb-auth-settings';
import type { RunningDashboard } from '../../../../reporting/dashboard/dashboard-server';
import { InMemorySelectionReader } from '../../../unit/reporting/posts/in-memory-selection-reader';
import { startTestDashboard } from '../../../support/test-dashboard';
import { AlbTokenSigner, startKeyEndpoint, TEST_ALB_ARN, type KeyEndpoint } from '../../../support/alb-token-signer';
import { chromiumInstalled, CHROMIUM_PATH, launchChromium } from '../../../support/chromium';

const SCREENSHOTS = path.join(REPO_ROOT, 'test-artifacts');
const SIGN_OUT_TARGET = 'https://login.city.example/logout';

describe('dashboard behind the load balancer (DASHBOARD_AUTH=alb) in Chromium', function () {
  this.timeout(120_000);
  const signer = new AlbTokenSigner();
  let keys: KeyEndpoint | undefined;
  let dashboard: RunningDashboard | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  let page: Page | undefined;

  before(async function () {
    if (!chromiumInstalled()) {
      if (process.env.CI === 'true')
        throw new Error(`${CHROMIUM_PATH} missing: .ci/run installs chromium with apt-get`);
      this.skip();
    }
    keys = await startKeyEndpoint(signer);
    const reader = new InMemorySelectionReader();
    const now = Date.now();
    reader.add(now - 120_000, 'NEGATIVE', { text: 'metro late again', user: 'jorge', hashtags: ['Traffic'] });
    reader.add(now - 60_000, 'POSITIVE', { text: 'buses are faster now', user: 'ana', hashtags: ['Traffic'] });
    const config = new ConfigReader('dashboard', [
      {
        DASHBOARD_AUTH: 'alb',
        DASHBOARD_ALB_ARN: TEST_ALB_ARN,
        DASHBOARD_ALB_KEY_ENDPOINT: keys.url,
        DASHBOARD_SIGN_OUT_URL: SIGN_OUT_TARGET,
      },
    ]);
    const auth = config.finish({ auth: readDashboardAuth(config) }).auth;
    dashboard = await startTestDashboard(reader, {
      refreshSeconds: 1,
      gate: createRequestGate(auth, { logger: new NullLogger() }),
    });
    browser = await launchChromium();
  });

  beforeEach(async () => {
    context = await browser!.newContext({ viewport: { width: 1200, height: 900 } });
    page = await context.newPage();
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && page !== undefined) {
      fs.mkdirSync(SCREENSHOTS, { recursive: true });
      const file = path.join(SCREENSHOTS, `dashboard-alb-${Date.now()}.png`);
      await page.screenshot({ path: file, fullPage: true }).catch(() => undefined);
      process.stderr.write(`dashboard screenshot kept: ${file}\n`);
    }
    await context?.close();
  });

  after(async () => {
    await browser?.close();
    await dashboard?.close();
    await keys?.close();
  });

  /** Every request the page makes carries the header, as behind the ALB. */
  async function signIn(token: string): Promise<void> {
    await context!.setExtraHTTPHeaders({ [ALB_TOKEN_HEADER]: token });
  }

  it('shows a person without the token nothing but 401, page and API alike', async () => {
    const response = await page!.goto(dashboard!.url);
    expect(response?.status()).to.equal(401);
    expect(await page!.textContent('body'))
      .to.contain('sign-in required')
      .and.not.contain('metro');
    const api = await page!.goto(`${dashboard!.url}api/summary`);
    expect(api?.status()).to.equal(401);
  });

  it('serves the page and its live API calls to a signed-in person', async () => {
    await signIn(signer.sign());
    const apiCalls: Response[] = [];
    page!.on('response', (r) => {
      if (r.url().includes('/api/')) apiCalls.push(r);
    });
    const response = await page!.goto(dashboard!.url);
    expect(response?.status()).to.equal(200);
    // The page's own script fetches the API: those requests pass the check too.
    await page!.waitForResponse((r) => r.url().includes('/api/') && r.status() === 200, { timeout: 30_000 });
    await page!.waitForFunction(`document.body.textContent.includes('buses are faster now')`, undefined, {
      timeout: 30_000,
    });
    expect(apiCalls.every((r) => r.status() === 200)).to.equal(true);
    // Signed in behind the load balancer, the page offers the way out.
    expect(await page!.getAttribute('#sign-out', 'href')).to.equal('sign-out');
    expect(keys!.requests.filter((p) => p === `/${signer.kid}`)).to.have.length(1);
  });

  it('refuses an expired token in the browser as well', async () => {
    await signIn(signer.sign({ expiresInSeconds: -1 }));
    const response = await page!.goto(dashboard!.url);
    expect(response?.status()).to.equal(401);
  });

  it("signs out: /sign-out expires the ALB's cookies and sends the browser to the provider's logout", async () => {
    await signIn(signer.sign());
    let redirect: Response | undefined;
    page!.on('response', (r) => {
      if (r.url().endsWith('/sign-out')) redirect = r;
    });
    // The provider is not reachable from the test: the navigation fails after the redirect, which is what we check.
    await page!.goto(`${dashboard!.url}sign-out`).catch(() => undefined);
    expect(redirect?.status()).to.equal(302);
    expect(redirect?.headers()['location']).to.equal(SIGN_OUT_TARGET);
    const cookies = (await redirect!.headersArray()).filter((h) => h.name.toLowerCase() === 'set-cookie');
    expect(cookies.map((c) => c.value.split('=')[0])).to.include('AWSELBAuthSessionCookie-0');
  });
});
