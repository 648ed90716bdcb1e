// The checkpoint port as the processor sees it, the daemon's checkpoint error names, and how each reply error is handled.

/** Error names the daemon returns in a checkpoint reply (Java exception class simple names). */
export const CHECKPOINT_ERRORS = {
  throttling: 'ThrottlingException',
  dependency: 'KinesisClientLibDependencyException',
  shutdown: 'ShutdownException',
  invalidState: 'InvalidStateException',
  illegalArgument: 'IllegalArgumentException',
} as const;

export type CheckpointReply = { readonly ok: true } | { readonly ok: false; readonly error: string };

export interface Checkpointer {
  /** Checkpoints at `sequenceNumber` (null: as far as allowed, e.g. SHARD_END) and resolves with the daemon's reply. */
  checkpoint(sequenceNumber: string | null): Promise<CheckpointReply>;
}

/** How a reply error should be handled. */
export type CheckpointErrorClass = 'retry' | 'lease-gone' | 'bug';

export function classifyCheckpointError(error: string): CheckpointErrorClass {
  const name =
    error
      .split(/[.:\s]/)
      .filter(Boolean)
      .find((part) => /Exception$/.test(part)) ?? error;
  if (name === CHECKPOINT_ERRORS.throttling || name === CHECKPOINT_ERRORS.dependency) return 'retry';
  if (name === CHECKPOINT_ERRORS.shutdown) return 'lease-gone';
  return 'bug';
}
