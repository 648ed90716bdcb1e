// The dashboard's second lock behind the load balancer: every request but /healthz must carry the ALB's signed x-amzn-oidc-data token.
import type * as http from 'node:http';
import { AlbJwtVerifier } from 'aws-jwt-verify';
import { AlbJwksCache } from 'aws-jwt-verify/alb-cache';
import { FetchError } from 'aws-jwt-verify/error';
import type { Fetcher } from 'aws-jwt-verify/https';
import { describeError } from '../../common/errors';
import type { Logger } from '../../common/logger';
import { ALB_SESSION_COOKIE, SIGN_OUT_PATH, type DashboardAuthSettings } from './alb-auth-settings';

/** The header the ALB adds after authenticating (a JWT: ES256, header fields kid, signer, client; claims iss, sub, exp). */
export const ALB_TOKEN_HEADER = 'x-amzn-oidc-data';
/** Paths served without the token: the load balancer's health check addresses the task directly. */
export const OPEN_PATHS: readonly string[] = ['/healthz'];
const KEY_FETCH_TIMEOUT_MS = 3_000;

/** Called first for every request; `true` lets the request through, `false` means the gate has answered it. */
export type RequestGate = (req: http.IncomingMessage, res: http.ServerResponse) => Promise<boolean>;

export interface RequestGateOptions {
  readonly logger: Logger;
  /** Fetches a key's PEM by URL (default: Node's fetch with a 3 s timeout). */
  readonly fetcher?: Fetcher;
}

/** DASHBOARD_AUTH=none admits everything; `alb` verifies the token with aws-jwt-verify's ALB verifier. */
export function createRequestGate(settings: DashboardAuthSettings, options: RequestGateOptions): RequestGate {
  if (settings.mode === 'none') return () => Promise.resolve(true);
  // The ALB cache fetches <endpoint>/<kid> (a PEM), converts it and keeps the last keys by kid.
  const verifier = AlbJwtVerifier.create(
    {
      albArn: settings.albArn,
      issuer: settings.issuer,
      clientId: settings.clientId,
      jwksUri: settings.keyEndpoint,
    },
    { jwksCache: new AlbJwksCache({ fetcher: options.fetcher ?? new TimedFetcher(KEY_FETCH_TIMEOUT_MS) }) },
  );
  return async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    if (OPEN_PATHS.includes(path)) return true;
    if (path === SIGN_OUT_PATH) {
      signOut(res, settings.signOutUrl);
      return false;
    }
    const token = req.headers[ALB_TOKEN_HEADER];
    if (typeof token !== 'string' || token === '') {
      deny(res, 401, 'sign-in required');
      return false;
    }
    try {
      await verifier.verify(token);
      return true;
    } catch (error: unknown) {
      if (error instanceof FetchError) {
        options.logger.warn('dashboard cannot fetch the load balancer key', { error: describeError(error) });
        deny(res, 503, 'sign-in cannot be checked now');
      } else {
        // The reason only (expired, wrong signer, bad signature): never the token itself.
        options.logger.info('dashboard refused a token', { path, reason: describeError(error) });
        deny(res, 401, 'sign-in required');
      }
      return false;
    }
  };
}

/** Expires every shard of the ALB session cookie (as the ELB guide's logout section says) and sends the browser on. */
function signOut(res: http.ServerResponse, location: string): void {
  const expired = [0, 1, 2, 3].map(
    (shard) =>
      `${ALB_SESSION_COOKIE}-${shard}=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Secure; HttpOnly`,
  );
  res.writeHead(302, { Location: location, 'Set-Cookie': expired, 'Cache-Control': 'no-store' });
  res.end();
}

function deny(res: http.ServerResponse, status: 401 | 503, message: string): void {
  res.writeHead(status, {
    'Content-Type': 'application/json',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(`${JSON.stringify({ error: message })}\n`);
}

/** GET with a timeout through Node's fetch (http for a loopback test endpoint, https in the cloud). */
class TimedFetcher implements Fetcher {
  public constructor(private readonly timeoutMs: number) {}

  public async fetch(uri: string): Promise<ArrayBuffer> {
    let response: Response;
    try {
      response = await fetch(uri, { signal: AbortSignal.timeout(this.timeoutMs) });
    } catch (error: unknown) {
      throw new FetchError(uri, describeError(error));
    }
    if (!response.ok) throw new FetchError(uri, `status ${response.status}`);
    return response.arrayBuffer();
  }
}
