// Pure: the Host allow-list that keeps a DNS-rebinding page from reading the dashboard (DASHBOARD_ALLOWED_HOSTS).

import { DASHBOARD_SETTINGS } from './dashboard-settings';

/** The loopback names `npm start` and `npm run dashboard` print or a browser may use (DASHBOARD_ALLOWED_HOSTS' default). */
export const DEFAULT_ALLOWED_HOSTS: readonly string[] = parseAllowedHosts(DASHBOARD_SETTINGS.allowedHosts.default);

/** Host names from a comma-separated list (ports ignored, case-insensitive); empty entries dropped. */
export function parseAllowedHosts(text: string): string[] {
  return text
    .split(',')
    .map((h) => hostName(h))
    .filter((h) => h !== '');
}

/** The host name of a Host header value without its port: `127.0.0.1:4570` -> `127.0.0.1`, `[::1]:80` -> `[::1]`. */
export function hostName(host: string): string {
  const value = host.trim().toLowerCase();
  if (value.startsWith('[')) return value.slice(0, value.indexOf(']') + 1);
  return value.replace(/:\d*$/, '').replace(/\.$/, '');
}

/**
 * True when the request's Host is one of `allowed`. A page served from an attacker's name that later resolves to
 * 127.0.0.1 (DNS rebinding) still sends its own name as Host, so it is refused; a request without Host is refused.
 */
export function hostAllowed(hostHeader: string | undefined, allowed: readonly string[]): boolean {
  if (hostHeader === undefined || hostHeader === '') return false;
  return allowed.includes(hostName(hostHeader));
}
