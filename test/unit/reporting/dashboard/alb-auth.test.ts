// DASHBOARD_AUTH=alb: the ALB's x-amzn-oidc-data token checked with a locally generated ES256 key served from 127.0.0.1.
import { expect } from 'chai';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConfigReader } from '../../../../common/config/config-reader';
import { ConfigError } from '../../../../common/errors';
import { NullLogger } from '../../../../common/logger';
import { ALB_TOKEN_HEADER, createRequestGate, type RequestGate } from '../../../../reporting/dashboard/alb-auth';
import { readDashboardAuth, type DashboardAuthSettings } from '../../../../reporting/dashboard/alb-auth-settings';
import {
  AlbTokenSigner,
  startKeyEndpoint,
  strangerKey,
  TEST_ALB_ARN,
  TEST_CLIENT_ID,
  TEST_ISSUER,
  type KeyEndpoint,
} from '../../../support/alb-token-signer';

function settings(env: Record<string, string>): DashboardAuthSettings {
  const reader = new ConfigReader('dashboard', [env]);
  return reader.finish({ auth: readDashboardAuth(reader) }).auth;
}

/** A stand-in for the dashboard: the gate first, then the "posts" for whoever it admits (the browser test uses the real one). */
async function gatedServer(gate: RequestGate): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    void gate(req, res).then((admitted) => {
      if (!admitted) return;
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ path: req.url, posts: ['new bike lanes'] }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe('dashboard sign-in check (alb-auth)', () => {
  const signer = new AlbTokenSigner();
  let keys: KeyEndpoint;
  let server: { url: string; close(): Promise<void> };

  before(async () => {
    keys = await startKeyEndpoint(signer);
    const auth = settings({
      DASHBOARD_AUTH: 'alb',
      DASHBOARD_ALB_ARN: TEST_ALB_ARN,
      DASHBOARD_ALB_ISSUER: TEST_ISSUER,
      DASHBOARD_ALB_CLIENT_ID: TEST_CLIENT_ID,
      DASHBOARD_ALB_KEY_ENDPOINT: keys.url,
      DASHBOARD_SIGN_OUT_URL: 'https://login.city.example/logout?client_id=x',
    });
    server = await gatedServer(createRequestGate(auth, { logger: new NullLogger() }));
  });
  after(async () => {
    await server.close();
    await keys.close();
  });

  const get = (path: string, token?: string): Promise<Response> =>
    fetch(`${server.url}${path}`, {
      headers: token === undefined ? {} : { [ALB_TOKEN_HEADER]: token },
      redirect: 'manual',
    });

  it('admits a valid token (padded base64url, ES256, the right signer) to the page and the API', async () => {
    const token = signer.sign();
    expect(token).to.match(/=\./, 'the test token carries padding as the ALB writes it');
    expect((await get('', token)).status).to.equal(200);
    const summary = await get('api/summary', token);
    expect(summary.status).to.equal(200);
    expect(((await summary.json()) as { posts: string[] }).posts).to.deep.equal(['new bike lanes']);
  });

  it('answers 401 without the header, and tells nothing about the posts', async () => {
    for (const path of ['', 'api/summary', 'chart.svg']) {
      const response = await get(path);
      expect(response.status, path).to.equal(401);
      expect(await response.text()).to.not.contain('bike');
    }
  });

  it('answers 401 to an expired token', async () => {
    expect((await get('api/summary', signer.sign({ expiresInSeconds: -5 }))).status).to.equal(401);
  });

  it('answers 401 to a token signed by another load balancer', async () => {
    const other = TEST_ALB_ARN.replace('/dashboard/', '/someone-else/');
    expect((await get('api/summary', signer.sign({ signer: other }))).status).to.equal(401);
  });

  it('answers 401 to a forged signature (a stranger key under the published kid) and to a tampered payload', async () => {
    expect((await get('api/summary', signer.sign({ signingKey: strangerKey() }))).status).to.equal(401);
    const [header, , signature] = signer.sign().split('.');
    const payload = Buffer.from(JSON.stringify({ sub: 'admin', exp: 4_000_000_000, iss: TEST_ISSUER })).toString(
      'base64url',
    );
    expect((await get('api/summary', `${header}.${payload}.${signature}`)).status).to.equal(401);
  });

  it('answers 401 to a wrong issuer or app client', async () => {
    expect((await get('api/summary', signer.sign({ iss: 'https://evil.example' }))).status).to.equal(401);
    expect((await get('api/summary', signer.sign({ client: 'other' }))).status).to.equal(401);
  });

  it('fetches the key once by its kid and keeps it', async () => {
    for (let i = 0; i < 3; i += 1) await get('api/summary', signer.sign());
    expect(keys.requests.filter((path) => path === `/${signer.kid}`)).to.have.length(1);
  });

  it('serves /healthz without a token (the load balancer checks the task directly)', async () => {
    expect((await get('healthz')).status).to.equal(200);
  });

  it('signs out: expires every ALB session cookie shard and sends the browser to the provider', async () => {
    const response = await get('sign-out', signer.sign());
    expect(response.status).to.equal(302);
    expect(response.headers.get('location')).to.equal('https://login.city.example/logout?client_id=x');
    const cookies = response.headers.getSetCookie();
    expect(cookies.map((c) => c.split('=')[0])).to.deep.equal([0, 1, 2, 3].map((n) => `AWSELBAuthSessionCookie-${n}`));
    for (const cookie of cookies) expect(cookie).to.contain('Max-Age=0').and.contain('Secure');
  });
});

describe('dashboard sign-in settings', () => {
  it('defaults to none locally', () => {
    expect(settings({})).to.deep.equal({ mode: 'none' });
  });

  it("derives the key endpoint from the load balancer's region", () => {
    const auth = settings({ DASHBOARD_AUTH: 'alb', DASHBOARD_ALB_ARN: TEST_ALB_ARN });
    expect(auth).to.include({
      mode: 'alb',
      keyEndpoint: 'https://public-keys.auth.elb.eu-west-1.amazonaws.com',
      signOutUrl: '/signed-out',
    });
  });

  it('reports every problem at once: no ARN, a plain-http key endpoint off the machine', () => {
    expect(() => settings({ DASHBOARD_AUTH: 'alb', DASHBOARD_ALB_KEY_ENDPOINT: 'http://keys.example.org' })).to.throw(
      ConfigError,
      /DASHBOARD_ALB_ARN is required[\s\S]*DASHBOARD_ALB_KEY_ENDPOINT must be an https URL/,
    );
    expect(() => settings({ DASHBOARD_AUTH: 'alb', DASHBOARD_ALB_ARN: 'arn:aws:s3:::bucket' })).to.throw(
      ConfigError,
      /Application Load Balancer ARN/,
    );
  });
});
