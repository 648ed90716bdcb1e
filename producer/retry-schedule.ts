// When a failed Kinesis record may be retried: the project backoff (common/retry.ts), never past the TTL.
import { backoffDelayMs } from '../common/retry';

export interface BackoffPolicy {
  readonly minBackoffMs: number;
  readonly maxBackoffMs: number;
}

/** Delay before retry number `attempt` (1 = first retry): uniform in [0, min(max, min * 2^(attempt-1))]. */
export function retryDelayMs(policy: BackoffPolicy, attempt: number, random: () => number): number {
  // Attempts are bounded by the record TTL (nextAttemptAt), not by a count.
  return backoffDelayMs({ maxAttempts: Infinity, baseDelayMs: policy.minBackoffMs, maxDelayMs: policy.maxBackoffMs }, attempt, random);
}

/**
 * The time of the next attempt, or undefined when it would not start before `deadline`
 * (the record would expire waiting, so it is failed now instead).
 */
export function nextAttemptAt(policy: BackoffPolicy, attempt: number, now: number, deadline: number, random: () => number): number | undefined {
  const at = now + retryDelayMs(policy, attempt, random);
  return at < deadline ? at : undefined;
}

/** Per-entry PutRecords error codes that a later attempt can succeed after. */
export const RETRYABLE_ENTRY_ERRORS: ReadonlySet<string> = new Set([
  'ProvisionedThroughputExceededException', 'InternalFailure', 'ServiceUnavailable',
  'KMSThrottlingException', 'InternalFailureException',
]);

export const THROTTLE_ERROR = 'ProvisionedThroughputExceededException';
