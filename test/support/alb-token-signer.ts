// Plays the load balancer in tests: a locally generated ES256 key pair, tokens shaped like x-amzn-oidc-data, and a 127.0.0.1 key endpoint.
import * as crypto from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

export const TEST_ALB_ARN =
  'arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/dashboard/50dc6c495c0c9188';
export const TEST_ISSUER = 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Example';
export const TEST_CLIENT_ID = 'dashboardclient';

export interface TokenFields {
  readonly signer?: string;
  readonly client?: string;
  readonly iss?: string;
  /** Seconds from now; negative: already expired. */
  readonly expiresInSeconds?: number;
  /** Sign with this key instead of the published one (a forgery under the published kid). */
  readonly signingKey?: crypto.KeyObject;
}

/** One ALB signing key: `kid`, the PEM the endpoint serves, and a signer of ALB-format tokens. */
export class AlbTokenSigner {
  public readonly kid = crypto.randomUUID();
  private readonly keys = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });

  /** The public key as the ALB's endpoint serves it (PEM). */
  public get publicKeyPem(): string {
    return this.keys.publicKey.export({ type: 'spki', format: 'pem' }).toString();
  }

  /** A token as the ALB writes it: base64url segments WITH padding, ES256 (r||s), kid/signer/client/exp in the header. */
  public sign(fields: TokenFields = {}): string {
    const exp = Math.floor(Date.now() / 1000) + (fields.expiresInSeconds ?? 120);
    const iss = fields.iss ?? TEST_ISSUER;
    const header = {
      typ: 'JWT',
      kid: this.kid,
      alg: 'ES256',
      iss,
      client: fields.client ?? TEST_CLIENT_ID,
      signer: fields.signer ?? TEST_ALB_ARN,
      exp,
    };
    const payload = { sub: 'a1b2c3', email: 'ana@city.example', username: 'ana', exp, iss };
    const input = `${segment(header)}.${segment(payload)}`;
    const signature = crypto.sign('sha256', Buffer.from(input), {
      key: fields.signingKey ?? this.keys.privateKey,
      dsaEncoding: 'ieee-p1363',
    });
    return `${input}.${padded(signature)}`;
  }
}

/** A private key nobody published: tokens signed with it must fail. */
export function strangerKey(): crypto.KeyObject {
  return crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
}

function segment(value: object): string {
  return padded(Buffer.from(JSON.stringify(value)));
}

/** base64url keeping the `=` padding, as the ALB does. */
function padded(bytes: Buffer): string {
  return bytes.toString('base64').replace(/\+/g, '-').replace(/\//g, '_');
}

export interface KeyEndpoint {
  readonly url: string;
  /** GETs received, by path. */
  readonly requests: string[];
  close(): Promise<void>;
}

/** Serves GET /<kid> -> PEM on 127.0.0.1 (the region's public-keys.auth.elb endpoint stands in). */
export async function startKeyEndpoint(signer: AlbTokenSigner): Promise<KeyEndpoint> {
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    requests.push(req.url ?? '');
    if (req.url === `/${signer.kid}`) {
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      res.end(signer.publicKeyPem);
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
