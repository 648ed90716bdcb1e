// The dashboard's sign-in contract with the load balancer: the variable names (shared with deploy/), their reader and defaults.
import type { ConfigReader } from '../../common/config/config-reader';

/** The variables the deployment sets and the dashboard reads; both import this table, so a rename breaks the build. */
export const DASHBOARD_AUTH_ENV = {
  /** `none` (local default) or `alb` (the cloud: every request but /healthz needs the ALB's signed token). */
  mode: 'DASHBOARD_AUTH',
  /** The load balancer's ARN: the token header's `signer` must equal it. */
  albArn: 'DASHBOARD_ALB_ARN',
  /** Expected `iss` claim (the user pool's or the OIDC provider's issuer); unset: not checked. */
  issuer: 'DASHBOARD_ALB_ISSUER',
  /** Expected `client` header field (the app client id); unset: not checked. */
  clientId: 'DASHBOARD_ALB_CLIENT_ID',
  /** Where public keys are fetched by key id; default the ALB's region endpoint. */
  keyEndpoint: 'DASHBOARD_ALB_KEY_ENDPOINT',
  /** Where /sign-out sends the browser after it expires the ALB's session cookies (the identity provider's logout). */
  signOutUrl: 'DASHBOARD_SIGN_OUT_URL',
} as const;

/** The ALB's session cookie (its default name); the ALB splits a large one into shards `-0` to `-3`. */
export const ALB_SESSION_COOKIE = 'AWSELBAuthSessionCookie';
/** The path a signed-in person opens to sign out; the path the identity provider returns them to (served by the ALB). */
export const SIGN_OUT_PATH = '/sign-out';
export const SIGNED_OUT_PATH = '/signed-out';

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

/** Reads DASHBOARD_AUTH and, with `alb`, the rest of DASHBOARD_AUTH_ENV; problems go to the reader. */
export function readDashboardAuth(reader: ConfigReader): DashboardAuthSettings {
  const mode = reader.oneOf(DASHBOARD_AUTH_ENV.mode, ['none', 'alb'] as const, 'none');
  if (mode === 'none') return { mode };
  const albArn = reader.required(DASHBOARD_AUTH_ENV.albArn);
  const fallbackEndpoint = defaultKeyEndpoint(albArn);
  if (albArn !== '' && fallbackEndpoint === undefined)
    reader.problem(
      `${DASHBOARD_AUTH_ENV.albArn} must be an Application Load Balancer ARN (arn:aws:elasticloadbalancing:…)`,
    );
  const keyEndpoint = reader.string(DASHBOARD_AUTH_ENV.keyEndpoint, fallbackEndpoint ?? '').replace(/\/+$/, '');
  if (keyEndpoint !== '' && !isSafeEndpoint(keyEndpoint))
    reader.problem(`${DASHBOARD_AUTH_ENV.keyEndpoint} must be an https URL (http only on 127.0.0.1 or localhost)`);
  return {
    mode,
    albArn,
    issuer: reader.string(DASHBOARD_AUTH_ENV.issuer) ?? null,
    clientId: reader.string(DASHBOARD_AUTH_ENV.clientId) ?? null,
    keyEndpoint,
    signOutUrl: reader.string(DASHBOARD_AUTH_ENV.signOutUrl, SIGNED_OUT_PATH),
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
