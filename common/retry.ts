// The project's one retry policy: bounded attempts, capped exponential backoff with jitter, `retryable` read, abortable; policy and clock injected.
import { RetriesExhaustedError, ToolkitError } from './errors';
import { isRetryable as defaultIsRetryable } from './is-retryable';
import { sleep } from './sleep';

export interface RetryPolicy {
  /** Total attempts including the first. Infinity only where the caller owns a stop signal (a lease, a process). */
  readonly maxAttempts: number;
  /** Cap of the first retry's delay, ms; each later cap doubles. */
  readonly baseDelayMs: number;
  /** Largest delay, ms: every wait is bounded by it. */
  readonly maxDelayMs: number;
  /** `full` (default): uniform in [0, cap]; `none`: exactly the cap (a supervisor restarting one process). */
  readonly jitter?: 'full' | 'none';
}

export interface RetryOptions {
  readonly policy: RetryPolicy;
  /** Names the operation in the RetriesExhaustedError message and in logs. */
  readonly operation: string;
  /** Default: `isRetryable` (our `retryable` flag, SDK and network errors). Programmer errors are never retried. */
  readonly isRetryable?: (error: unknown) => boolean;
  /** Called before each wait, with the failed attempt number (1-based) and the delay chosen. */
  readonly onRetry?: (error: unknown, attempt: number, delayMs: number) => void;
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly random?: () => number;
  /** Stops retrying (the lease was lost, the process is stopping): the pending wait ends and RetryAbortedError is thrown. */
  readonly signal?: AbortSignal;
}

/** The retry loop was stopped from outside before the operation succeeded; `cause` is the last failure, if any. */
export class RetryAbortedError extends ToolkitError {
  public constructor(operation: string, attempts: number, cause?: unknown) {
    super('RETRY_ABORTED', `${operation} stopped after ${attempts} attempt(s)`, cause === undefined ? {} : { cause });
  }
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = Object.freeze({ maxAttempts: 5, baseDelayMs: 100, maxDelayMs: 5_000 });

/** Delay before retry number `attempt` (1-based): an exponentially growing cap, bounded by maxDelayMs, with full jitter unless disabled. */
export function backoffDelayMs(policy: RetryPolicy, attempt: number, random: () => number = Math.random): number {
  const cap = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.min(Math.max(attempt - 1, 0), 30));
  return policy.jitter === 'none' ? cap : Math.floor(random() * cap);
}

/** Bugs, not weather: a TypeError or RangeError thrown by our own code fails the same way every time. */
export function isProgrammerError(error: unknown): boolean {
  return (
    error instanceof TypeError ||
    error instanceof RangeError ||
    error instanceof ReferenceError ||
    error instanceof SyntaxError
  );
}

/** Whether a failed attempt (1-based) may be retried under `policy`: attempts left, retryable, and not a bug. */
export function mayRetry(
  error: unknown,
  attempt: number,
  policy: RetryPolicy,
  classify: (error: unknown) => boolean = defaultIsRetryable,
): boolean {
  return attempt < policy.maxAttempts && !isProgrammerError(error) && classify(error);
}

/** Problems with a policy, for config readers: attempts >= 1 (integer or Infinity), delays >= 0, base <= max. */
export function retryPolicyProblems(name: string, policy: RetryPolicy): string[] {
  const problems: string[] = [];
  if (!(policy.maxAttempts === Infinity || (Number.isInteger(policy.maxAttempts) && policy.maxAttempts >= 1)))
    problems.push(`${name}.maxAttempts must be an integer >= 1`);
  if (!(policy.baseDelayMs >= 0) || !(policy.maxDelayMs >= 0)) problems.push(`${name} delays must be >= 0 ms`);
  if (policy.baseDelayMs > policy.maxDelayMs)
    problems.push(`${name}.baseDelayMs (${policy.baseDelayMs}) must not exceed maxDelayMs (${policy.maxDelayMs})`);
  return problems;
}

/**
 * Runs `fn` until it succeeds. A non-retryable failure (or a programmer error) is rethrown as is; running out of
 * attempts throws RetriesExhaustedError (cause: the last failure); an aborted signal throws RetryAbortedError.
 */
export async function retry<T>(fn: (attempt: number) => Promise<T>, options: RetryOptions): Promise<T> {
  const classify = options.isRetryable ?? defaultIsRetryable;
  const wait = options.sleep ?? sleep;
  const { signal, policy } = options;
  for (let attempt = 1; ; attempt += 1) {
    if (aborted(signal)) throw new RetryAbortedError(options.operation, attempt - 1);
    try {
      return await fn(attempt);
    } catch (error: unknown) {
      if (isProgrammerError(error) || !classify(error)) throw error;
      if (aborted(signal)) throw new RetryAbortedError(options.operation, attempt, error);
      if (attempt >= policy.maxAttempts) throw new RetriesExhaustedError(options.operation, attempt, error);
      const delayMs = backoffDelayMs(policy, attempt, options.random);
      options.onRetry?.(error, attempt, delayMs);
      await wait(delayMs, signal);
    }
  }
}

function aborted(signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true;
}
