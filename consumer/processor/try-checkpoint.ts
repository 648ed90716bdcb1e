// One checkpoint through the daemon on the project retry policy, and what came of it: the checkpoint loop of the processor.
import type { Logger } from '../../common/logger';
import { RetriesExhaustedError } from '../../common/errors';
import { retry, RetryAbortedError, type RetryPolicy } from '../../common/retry';
import type { Checkpointer } from './checkpointer';
import { CheckpointRejectedError } from './processor-errors';

/**
 * - `checkpointed`: the daemon accepted it.
 * - `rejected`: answered with an error that is a bug, not weather (InvalidStateException...): settled, never retried;
 *   only a later durable position is checkpointed.
 * - `lease-gone`: ShutdownException: another worker holds the lease now.
 * - `try-later`: attempts ran out (`bounded`) or stdin closed (`signal`): the next action tries again.
 */
export type CheckpointOutcome = 'checkpointed' | 'rejected' | 'lease-gone' | 'try-later';

export interface CheckpointAttempt {
  readonly checkpointer: Checkpointer;
  /** A sequence number, or null for "as far as allowed" (SHARD_END at the end of a shard). */
  readonly sequenceNumber: string | null;
  /**
   * `bounded` (processRecords): up to policy.maxAttempts. `final` (shardEnded, shutdownRequested): no attempt limit,
   * since nothing comes after them; it ends on success, ShutdownException or `signal`.
   */
  readonly mode: 'bounded' | 'final';
  readonly policy: RetryPolicy;
  /** Aborted when stdin closes (the daemon is gone). */
  readonly signal: AbortSignal;
  readonly logger: Logger;
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** Checkpoints once, retrying ThrottlingException and KinesisClientLibDependencyException (the daemon's retryable replies). */
export async function tryCheckpoint(attempt: CheckpointAttempt): Promise<CheckpointOutcome> {
  const { sequenceNumber, mode, logger } = attempt;
  const policy = mode === 'final' ? { ...attempt.policy, maxAttempts: Infinity } : attempt.policy;
  try {
    await retry(
      async () => {
        const reply = await attempt.checkpointer.checkpoint(sequenceNumber);
        if (!reply.ok) throw new CheckpointRejectedError(reply.error);
      },
      {
        policy,
        operation: 'checkpoint',
        signal: attempt.signal,
        ...(attempt.sleep === undefined ? {} : { sleep: attempt.sleep }),
        onRetry: (error, n, delayMs) =>
          logger.warn('checkpoint failed; retrying', {
            sequenceNumber,
            mode,
            error: (error as CheckpointRejectedError).replyError,
            attempt: n,
            delayMs,
          }),
      },
    );
    return 'checkpointed';
  } catch (error: unknown) {
    if (error instanceof CheckpointRejectedError && error.kind === 'lease-gone') return 'lease-gone';
    if (error instanceof CheckpointRejectedError) {
      logger.error('checkpoint rejected: this is a bug, not a transient failure', {
        sequenceNumber,
        error: error.replyError,
      });
      return 'rejected';
    }
    if (error instanceof RetryAbortedError) {
      logger.error('checkpoint abandoned: stdin closed before the daemon accepted it', { sequenceNumber, mode });
      return 'try-later';
    }
    if (error instanceof RetriesExhaustedError) {
      logger.error('checkpoint retries exhausted; the next action tries again', {
        sequenceNumber,
        attempts: error.attempts,
      });
      return 'try-later';
    }
    throw error;
  }
}
