// When a failed Kinesis record may be retried: the project backoff and retryable codes (common/), never past the TTL.
import { isRetryableCode } from '../../common/is-retryable';
import { backoffDelayMs, type RetryPolicy } from '../../common/retry';
import type { ProducerOptions } from '../producer-options';

/** The project retry policy from the producer's KPL-named options; attempts are bounded by the record TTL (nextAttemptAt), not by a count. */
export function producerRetryPolicy(options: Pick<ProducerOptions, 'minBackoffMs' | 'maxBackoffMs'>): RetryPolicy {
  return { maxAttempts: Infinity, baseDelayMs: options.minBackoffMs, maxDelayMs: options.maxBackoffMs };
}

/** Delay before retry number `attempt` (1 = first retry): uniform in [0, min(max, min * 2^(attempt-1))]. */
export function retryDelayMs(policy: RetryPolicy, attempt: number, random: () => number): number {
  return backoffDelayMs(policy, attempt, random);
}

/**
 * The time of the next attempt, or undefined when it would not start before `deadline`
 * (the record would expire waiting, so it is failed now instead).
 */
export function nextAttemptAt(
  policy: RetryPolicy,
  attempt: number,
  now: number,
  deadline: number,
  random: () => number,
): number | undefined {
  const at = now + retryDelayMs(policy, attempt, random);
  return at < deadline ? at : undefined;
}

/** Whether a per-entry PutRecords ErrorCode may be retried: the project's one list of retryable codes (common/is-retryable.ts). */
export function isRetryableEntryError(code: string): boolean {
  return isRetryableCode(code);
}

export const THROTTLE_ERROR = 'ProvisionedThroughputExceededException';
