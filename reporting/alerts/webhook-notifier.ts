// Posts the alert to a chat webhook (Slack or Teams) with Node's fetch, retried with the project's policy; the URL is a secret.
import { describeError, RetriesExhaustedError } from '../../common/errors';
import { isRetryableCode } from '../../common/is-retryable';
import { DEFAULT_RETRY_POLICY, retry, type RetryPolicy } from '../../common/retry';
import { NotifyError, WebhookError } from '../reporting-errors';
import type { AlertNotifier } from './alert-notifier';
import type { AlertRenderer } from './alert-messages';
import type { NegativeAlert } from './burst-alert';
import { webhookPayload, type WebhookFormat } from './webhook-payloads';

export interface WebhookNotifierOptions {
  /** ALERT_WEBHOOK_URL: a credential (whoever holds it can post to the channel). Never logged nor put in an error. */
  readonly url: string;
  readonly format: WebhookFormat;
  readonly render: AlertRenderer;
  /** Default: the project's DEFAULT_RETRY_POLICY (5 attempts, 100 ms doubling to 5 s, full jitter). */
  readonly policy?: RetryPolicy;
  /** Per attempt, ms (default 10 s). */
  readonly timeoutMs?: number;
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly fetch?: typeof fetch;
  readonly onRetry?: (error: unknown, attempt: number, delayMs: number) => void;
  /** Stops the retry waits (the alerter is stopping). */
  readonly signal?: AbortSignal;
}

/** HTTP statuses a later attempt can succeed after: timeouts, rate limits, server errors. */
function retryableStatus(status: number): boolean {
  return status === 408 || status === 425 || status === 429 || status >= 500;
}

export class WebhookNotifier implements AlertNotifier {
  public readonly name: string;

  public constructor(private readonly options: WebhookNotifierOptions) {
    this.name = `webhook-${options.format}`;
  }

  public async notify(alert: NegativeAlert): Promise<void> {
    const body = JSON.stringify(webhookPayload(this.options.format, this.options.render(alert)));
    try {
      await retry(() => this.post(body), {
        policy: this.options.policy ?? DEFAULT_RETRY_POLICY,
        operation: this.name,
        ...(this.options.sleep === undefined ? {} : { sleep: this.options.sleep }),
        ...(this.options.onRetry === undefined ? {} : { onRetry: this.options.onRetry }),
        ...(this.options.signal === undefined ? {} : { signal: this.options.signal }),
      });
    } catch (error: unknown) {
      // Attempts used up on a retryable failure: the watch tries again on a later poll (its own bound).
      const retryable = error instanceof RetriesExhaustedError || (error instanceof WebhookError && error.retryable);
      throw new NotifyError(this.name, { cause: error, retryable });
    }
  }

  /** One POST; every failure becomes a WebhookError whose message holds no part of the URL. */
  private async post(body: string): Promise<void> {
    let response: Response;
    try {
      response = await (this.options.fetch ?? fetch)(this.options.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body,
        // A redirect would carry the alert to another URL: refuse it instead.
        redirect: 'manual',
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
      });
    } catch (error: unknown) {
      // fetch rejects with a TypeError ("fetch failed") whose cause holds the system error; some messages quote the URL.
      const code = systemCode(error);
      const timedOut = (error as { name?: unknown }).name === 'TimeoutError';
      throw new WebhookError(this.redact(`request failed: ${timedOut ? 'timed out' : describeChain(error)}`), {
        retryable: timedOut || (code !== undefined && (isRetryableCode(code) || code.startsWith('UND_ERR'))),
      });
    }
    const answer = this.redact((await response.text().catch(() => '')).slice(0, 200));
    if (response.status >= 200 && response.status < 300) return;
    throw new WebhookError(`answered HTTP ${response.status}${answer === '' ? '' : `: ${answer}`}`, {
      retryable: retryableStatus(response.status),
    });
  }

  /** Removes the URL, and its path and query (where Slack and Teams put the secret), from a message. */
  private redact(text: string): string {
    const url = new URL(this.options.url);
    const secrets = [this.options.url, url.href, `${url.pathname}${url.search}`, url.pathname, url.search]
      .filter((s) => s.length > 1)
      .sort((a, b) => b.length - a.length);
    return secrets.reduce((out, secret) => out.split(secret).join('***'), text);
  }
}

function systemCode(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e !== undefined && e !== null && depth < 5; depth += 1) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

function describeChain(error: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = error, depth = 0; e !== undefined && e !== null && depth < 5; depth += 1) {
    parts.push(describeError(e));
    e = (e as { cause?: unknown }).cause;
  }
  return parts.join(' <- ');
}
