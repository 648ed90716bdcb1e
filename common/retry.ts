// One bounded retry helper: exponential backoff with full jitter, its policy (and clock) injected.
import { RetriesExhaustedError } from './errors';
import { isRetryable as defaultIsRetryable } from './is-retryable';

export interface RetryPolicy {
  /** Total attempts including the first; Infinity retries until success or a non-retryable error. */
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

export interface RetryOptions {
  readonly policy: RetryPolicy;
  readonly operation: string;
  readonly isRetryable?: (error: unknown) => boolean;
  readonly onRetry?: (error: unknown, attempt: number, delayMs: number) => void;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly random?: () => number;
  /** Stop retrying when this returns true (for example: the lease was lost). */
  readonly shouldStop?: () => boolean;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = Object.freeze({ maxAttempts: 5, baseDelayMs: 100, maxDelayMs: 5_000 });

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Delay before retry number `attempt` (1-based): full jitter over an exponentially growing cap. */
export function backoffDelayMs(policy: RetryPolicy, attempt: number, random: () => number = Math.random): number {
  const cap = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.min(attempt - 1, 30));
  return Math.floor(random() * cap);
}

/** Runs `fn` until it succeeds, fails with a non-retryable error, or the attempts run out. */
export async function retry<T>(fn: (attempt: number) => Promise<T>, options: RetryOptions): Promise<T> {
  const classify = options.isRetryable ?? defaultIsRetryable;
  const wait = options.sleep ?? sleep;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await fn(attempt);
    } catch (error: unknown) {
      if (!classify(error)) throw error;
      if (attempt >= options.policy.maxAttempts || options.shouldStop?.() === true) {
        throw new RetriesExhaustedError(options.operation, attempt, error);
      }
      const delayMs = backoffDelayMs(options.policy, attempt, options.random);
      options.onRetry?.(error, attempt, delayMs);
      await wait(delayMs);
    }
  }
}
