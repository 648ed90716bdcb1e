// The dashboard's sign-in contract with the load balancer: the variable names (shared with deploy/), their reader and defaults.
import type { ConfigReader } from '../../common/config/config-reader';
import type { SettingsTable } from '../../common/config/setting';

/** The variables the deployment sets and the dashboard reads (rows of DASHBOARD_SETTINGS): both ends use this table. */
export const DASHBOARD_AUTH_SETTINGS = {
  authMode: {
    variable: 'DASHBOARD_AUTH',
    default: 'none',
    doc: "`none` or `alb`: every request but /healthz needs the load balancer's signed x-amzn-oidc-data token",
  },
  albArn: { variable: 'DASHBOARD_ALB_ARN', doc: "the load balancer's ARN: the token's `signer` (required with `alb`)" },
  albIssuer: { variable: 'DASHBOARD_ALB_ISSUER', doc: 'the expected `iss` claim; unset: not checked' },
  albClientId: {
    variable: 'DASHBOARD_ALB_CLIENT_ID',
    doc: 'the expected `client` (app client id); unset: not checked',
  },
  albKeyEndpoint: {
    variable: 'DASHBOARD_ALB_KEY_ENDPOINT',
    doc: "where keys are fetched by kid (default the ARN's region's public-keys.auth.elb endpoint; http only on loopback)",
  },
  signOutUrl: { variable: 'DASHBOARD_SIGN_OUT_URL', default: '/signed-out', doc: 'where /sign-out sends the browser' },
  listenHost: {
    variable: 'DASHBOARD_LISTEN_HOST',
    default: '127.0.0.1',
    doc: 'the address listened on; anything but loopback needs `DASHBOARD_AUTH=alb`',
  },
} as const satisfies SettingsTable;

const E = DASHBOARD_AUTH_SETTINGS;

/** The ALB's session cookie (its default name); the ALB splits a large one into shards `-0` to `-3`. */
export const ALB_SESSION_COOKIE = 'AWSELBAuthSessionCookie';
/** The path a signed-in person opens to sign out; the path the identity provider returns them to (served by the ALB). */
export const SIGN_OUT_PATH = '/sign-out';
export const SIGNED_OUT_PATH = DASHBOARD_AUTH_SETTINGS.signOutUrl.default;

export type DashboardAuthSettings =
  | { readonly mode: 'none' }
  | {
      readonly mode: 'alb';
      readonly albArn: string;
      readonly issuer: string | null;
      readonly clientId: string | null;
      /** https://public-keys.auth.elb.<region>.amazonaws.com, or a loopback http URL in tests. */
      readonly keyEndpoint: string;
      readonly signOutUrl: string;
    };

const ALB_ARN = /^arn:aws(-cn|-us-gov)?:elasticloadbalancing:([a-z]{2}(-gov)?-[a-z]+-\d):\d{12}:loadbalancer\/app\/.+$/;

/**
 * The ALB's public-key endpoint for the region in `albArn` (Elastic Load Balancing user guide, "Authenticate users
 * using an Application Load Balancer", user claims encoding and signature verification).
 */
export function defaultKeyEndpoint(albArn: string): string | undefined {
  const region = ALB_ARN.exec(albArn)?.[2];
  return region === undefined ? undefined : `https://public-keys.auth.elb.${region}.amazonaws.com`;
}

/** Reads DASHBOARD_AUTH and, with `alb`, the rest of DASHBOARD_AUTH_SETTINGS; problems go to the reader. */
export function readDashboardAuth(reader: ConfigReader): DashboardAuthSettings {
  const mode = reader.oneOf(E.authMode.variable, ['none', 'alb'] as const, E.authMode.default);
  if (mode === 'none') return { mode };
  const albArn = reader.required(E.albArn.variable);
  const fallbackEndpoint = defaultKeyEndpoint(albArn);
  if (albArn !== '' && fallbackEndpoint === undefined)
    reader.problem(`${E.albArn.variable} must be an Application Load Balancer ARN (arn:aws:elasticloadbalancing:…)`);
  const keyEndpoint = reader.string(E.albKeyEndpoint.variable, fallbackEndpoint ?? '').replace(/\/+$/, '');
  if (keyEndpoint !== '' && !isSafeEndpoint(keyEndpoint))
    reader.problem(`${E.albKeyEndpoint.variable} must be an https URL (http only on 127.0.0.1 or localhost)`);
  return {
    mode,
    albArn,
    issuer: reader.string(E.albIssuer.variable) ?? null,
    clientId: reader.string(E.albClientId.variable) ?? null,
    keyEndpoint,
    signOutUrl: reader.string(E.signOutUrl.variable, SIGNED_OUT_PATH),
  };
}

function isSafeEndpoint(text: string): boolean {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return false;
  }
  return url.protocol === 'https:' || (url.protocol === 'http:' && ['127.0.0.1', 'localhost'].includes(url.hostname));
}
