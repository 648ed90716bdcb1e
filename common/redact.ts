// Removes secrets from anything about to be logged or written: credential-looking keys and URL passwords.

const SECRET_KEY = /secret|password|passwd|token|credential|authorization|accesskey|session/i;
/**
 * A URL's user-info: from `scheme://` to the LAST `@` before the URL ends (whitespace, a quote or `<>`), so a password
 * holding `/`, `@`, `:` or `#` pasted unescaped is covered whole. Over-masks a URL whose path or query holds an `@`.
 */
const URL_USER_INFO = /(\b[a-z][a-z0-9+.-]*:\/\/)([^\s"'<>`]*)@/gi;
/** Graph API URLs carry the token as a query parameter (Instagram). */
const QUERY_TOKEN = /([?&](?:access_token|client_secret)=)[^&#\s"']+/gi;

/** Replaces the password of any URL (the whole user-info when it has no `:`), and token query parameters, with `***`. */
export function redactText(text: string): string {
  return text
    .replace(URL_USER_INFO, (_match, scheme: string, userInfo: string) => {
      const colon = userInfo.indexOf(':');
      return colon < 0 ? `${scheme}***@` : `${scheme}${userInfo.slice(0, colon)}:***@`;
    })
    .replace(QUERY_TOKEN, '$1***');
}

/** A deep copy of `value` with credential-looking fields masked; cycles are cut. */
export function redact(value: unknown, seen: WeakSet<object> = new WeakSet()): unknown {
  if (typeof value === 'string') return redactText(value);
  if (typeof value !== 'object' || value === null) return value;
  if (seen.has(value)) return '[Circular]';
  seen.add(value);
  if (Array.isArray(value)) return value.map((item) => redact(item, seen));
  if (value instanceof Error) return { name: value.name, message: redactText(value.message) };
  if (Buffer.isBuffer(value)) return `<${value.length} bytes>`;
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    out[key] = SECRET_KEY.test(key) ? '***' : redact(field, seen);
  }
  return out;
}
