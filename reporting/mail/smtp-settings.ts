// The SMTP server and its credentials (REPORT_SMTP_URL, REPORT_SMTP_USER, REPORT_SMTP_PASSWORD), split by hand so no secret-bearing text ever reaches a URL parser that warns.

/** Where and how to hand mail to an SMTP server; `auth.pass` is a secret: never log it. */
export interface SmtpSettings {
  readonly host: string;
  readonly port: number;
  /** smtps:// (TLS from the start, port 465 by default); smtp:// upgrades with STARTTLS when the server offers it. */
  readonly secure: boolean;
  readonly auth?: { readonly user: string; readonly pass: string };
}

const SCHEME = /^(smtps?):\/\//i;
/** host name, IPv4 or [IPv6], optional :port, optional trailing slash. */
const HOST_PORT = /^(\[[0-9a-f:.]+\]|[a-z0-9](?:[a-z0-9.-]{0,251}[a-z0-9])?)(?::(\d{1,5}))?\/?$/i;

/**
 * Reads `smtp[s]://[user[:password]@]host[:port]`. The user-info is everything between `://` and the LAST `@`, so a
 * password holding `/`, `@` or `:` pasted as is still works (percent-encoding is decoded when valid). Problems are
 * described without echoing the text (it may hold a password).
 */
export function parseSmtpUrl(
  text: string,
): { readonly ok: true; readonly value: SmtpSettings } | { readonly ok: false; readonly problem: string } {
  const shape =
    'REPORT_SMTP_URL must look like smtp://host:587 or smtps://host:465 (credentials in REPORT_SMTP_USER and REPORT_SMTP_PASSWORD)';
  const scheme = SCHEME.exec(text.trim());
  if (scheme === null) return { ok: false, problem: shape };
  const rest = text.trim().slice(scheme[0].length);
  const at = rest.lastIndexOf('@');
  const userInfo = at < 0 ? undefined : rest.slice(0, at);
  const hostPort = HOST_PORT.exec(at < 0 ? rest : rest.slice(at + 1));
  if (hostPort === null) return { ok: false, problem: shape };
  const secure = scheme[1]!.toLowerCase() === 'smtps';
  const port = hostPort[2] === undefined ? (secure ? 465 : 587) : Number(hostPort[2]);
  if (port < 1 || port > 65_535) return { ok: false, problem: 'REPORT_SMTP_URL: the port must be 1 to 65535' };
  const host = hostPort[1]!.replace(/^\[|\]$/g, '');
  if (userInfo === undefined || userInfo === '') return { ok: true, value: { host, port, secure } };
  const colon = userInfo.indexOf(':');
  const user = decode(colon < 0 ? userInfo : userInfo.slice(0, colon));
  const pass = colon < 0 ? '' : decode(userInfo.slice(colon + 1));
  return { ok: true, value: { host, port, secure, auth: { user, pass } } };
}

/** Percent-decoding where the text is valid percent-encoding; otherwise the text as typed (a raw `%` in a password). */
function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
