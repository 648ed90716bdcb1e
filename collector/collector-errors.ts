// The collector's errors: one base code per failure, retryable where a reconnect or a later poll may succeed.
import { ToolkitError } from '../common/errors';

/** An HTTP answer other than 2xx from X or Instagram; the URL is never part of the message (Instagram's carries the token). */
export class SourceHttpError extends ToolkitError {
  public constructor(
    public readonly api: 'x' | 'instagram',
    public readonly operation: string,
    public readonly status: number,
    detail: string,
    /** Epoch ms from `x-rate-limit-reset`, when a 429 carried it. */
    public readonly rateLimitResetMs?: number,
    /** Graph API `error.code` (190: the access token is invalid or expired). */
    public readonly graphCode?: number,
  ) {
    super('SOURCE_HTTP_ERROR', `${api} ${operation}: HTTP ${status}${detail === '' ? '' : ` ${detail}`}`, {
      retryable: status === 429 || status >= 500 || status === 408,
    });
  }
}

/**
 * The token is wrong or lacks access; retrying will not help. X: 401/403. Instagram: Graph error code 190 (OAuthException,
 * sent with HTTP 400) or 401; a Graph 403 can be a rate limit (codes 4, 17, 32, 613), so it is retried at the next poll.
 */
export function isAuthFailure(error: unknown): boolean {
  if (!(error instanceof SourceHttpError)) return false;
  if (error.api === 'instagram') return error.status === 401 || error.graphCode === 190;
  return error.status === 401 || error.status === 403;
}

/** Querying one more hashtag would exceed Instagram's 30 unique hashtags per account per rolling 7 days. */
export class HashtagBudgetError extends ToolkitError {
  public constructor(message: string) {
    super('HASHTAG_BUDGET_EXCEEDED', message);
  }
}

/** The filtered stream sent no byte (not even X's keep-alive newline) for `silentMs` ms: the connection is dead; reconnect. */
export class StallError extends ToolkitError {
  public constructor(silentMs: number) {
    super('STREAM_STALLED', `no byte for ${silentMs} ms`, { retryable: true });
  }
}

/** The X app's billable post reads reached X_MONTHLY_READ_BUDGET for this UTC month: the collector stops reading X. */
export class XReadBudgetError extends ToolkitError {
  public constructor(message: string) {
    super('X_READ_BUDGET_SPENT', message);
  }
}
