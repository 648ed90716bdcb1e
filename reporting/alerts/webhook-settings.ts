// ALERT_WEBHOOK_URL and ALERT_WEBHOOK_FORMAT, read and checked without ever echoing the URL (it is a credential).
import { ALERT_SETTINGS } from './alert-settings';
import type { ConfigReader } from '../../common/config/config-reader';
import { detectWebhookFormat, WEBHOOK_FORMATS, type WebhookFormat } from './webhook-payloads';

export interface WebhookSettings {
  /** A secret: whoever holds it can post to the channel. */
  readonly url: string;
  readonly format: WebhookFormat;
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Undefined when ALERT_WEBHOOK_URL is unset. The URL must be https (http only to a loopback host, for a local
 * receiver). ALERT_WEBHOOK_FORMAT is slack, teams or auto (default): auto takes the format from the host
 * (webhook-payloads.ts detectWebhookFormat) and is a problem for any other host.
 */
export function readWebhookSettings(reader: ConfigReader): WebhookSettings | undefined {
  const raw = reader.string(ALERT_SETTINGS.webhookUrl.variable);
  const chosen = reader.oneOf(ALERT_SETTINGS.webhookFormat.variable, ['auto', ...WEBHOOK_FORMATS], 'auto');
  if (raw === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    reader.problem('ALERT_WEBHOOK_URL is not a URL (its value is a secret and is not shown)');
    return undefined;
  }
  const secure = url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname));
  if (!secure)
    reader.problem(`ALERT_WEBHOOK_URL must be an https:// URL (http:// only to a loopback host), got ${url.protocol}`);
  const format = chosen === 'auto' ? detectWebhookFormat(url) : chosen;
  if (format === undefined) {
    reader.problem(
      `ALERT_WEBHOOK_FORMAT=auto cannot tell the format from the host ${url.hostname}: set ALERT_WEBHOOK_FORMAT=slack or teams`,
    );
    return undefined;
  }
  return { url: raw, format };
}
