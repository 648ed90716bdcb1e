// X's documented reconnect schedule as a pure state machine: linear for network errors, exponential for HTTP errors and 429.
import { backoffDelayMs } from '../../common/retry';

/**
 * Source: X API v2 filtered stream "Handling disconnections" / "Recovery and redundancy" (developer docs):
 * network errors back off linearly from 250 ms to 16 s; HTTP errors exponentially from 5 s to 320 s;
 * 429 exponentially from 1 minute. A 429's `x-rate-limit-reset` can make the wait longer, never shorter: a reset that is
 * already past (or only seconds away) by our clock is clock skew between us and X, not permission to reconnect at once.
 */
export interface XBackoffPolicy {
  readonly networkStepMs: number;
  readonly networkMaxMs: number;
  readonly httpBaseMs: number;
  readonly httpMaxMs: number;
  readonly rateLimitBaseMs: number;
  /** Cap of the exponential 429 wait when no reset time is given (15 minutes: X's rate-limit window). */
  readonly rateLimitMaxMs: number;
}

export const X_BACKOFF: XBackoffPolicy = Object.freeze({
  networkStepMs: 250,
  networkMaxMs: 16_000,
  httpBaseMs: 5_000,
  httpMaxMs: 320_000,
  rateLimitBaseMs: 60_000,
  rateLimitMaxMs: 900_000,
});

export type Failure =
  | { readonly kind: 'network' }
  | { readonly kind: 'http'; readonly status: number }
  | { readonly kind: 'rate-limit'; readonly resetAtMs?: number };

export class XBackoff {
  private network = 0;
  private http = 0;
  private rateLimit = 0;

  public constructor(private readonly policy: XBackoffPolicy = X_BACKOFF) {}

  /** Milliseconds to wait before the next connection attempt after `failure`; each kind counts its own attempts. */
  public next(failure: Failure, nowMs: number): number {
    const p = this.policy;
    switch (failure.kind) {
      case 'network':
        this.network += 1;
        return Math.min(p.networkMaxMs, p.networkStepMs * this.network);
      case 'http':
        this.http += 1;
        return exponential(p.httpBaseMs, p.httpMaxMs, this.http);
      case 'rate-limit':
        this.rateLimit += 1;
        {
          // X's documented minimum for this attempt, or until the reset when that is later.
          const documented = exponential(p.rateLimitBaseMs, p.rateLimitMaxMs, this.rateLimit);
          return failure.resetAtMs === undefined ? documented : Math.max(documented, failure.resetAtMs - nowMs);
        }
    }
  }

  /** A connection was established (HTTP 200): the next failure starts each schedule from its beginning. */
  public reset(): void {
    this.network = 0;
    this.http = 0;
    this.rateLimit = 0;
  }
}

/** The project's capped exponential delay (common/retry), without jitter: X documents exact doubling steps. */
function exponential(baseDelayMs: number, maxDelayMs: number, attempt: number): number {
  return backoffDelayMs({ maxAttempts: Infinity, baseDelayMs, maxDelayMs, jitter: 'none' }, attempt);
}
