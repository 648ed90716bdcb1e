// Decides when buffered records become a batch: a record count, a byte size or an age, whichever comes first.

export interface BatchPolicyConfig {
  readonly maxRecords: number;
  readonly maxBytes: number;
  readonly maxAgeMs: number;
}

export interface BufferState {
  readonly records: number;
  readonly bytes: number;
  /** When the oldest buffered record was received, epoch ms; undefined when empty. */
  readonly oldestReceivedAtMs: number | undefined;
}

export type FlushReason = 'records' | 'bytes' | 'age';

export const DEFAULT_BATCH_POLICY: BatchPolicyConfig = Object.freeze({
  maxRecords: 5_000,
  maxBytes: 4 * 1024 * 1024,
  maxAgeMs: 10_000,
});

/** Why the buffer should be flushed now, or undefined to keep buffering. An empty buffer never flushes. */
export function flushReason(policy: BatchPolicyConfig, state: BufferState, nowMs: number): FlushReason | undefined {
  if (state.records === 0 || state.oldestReceivedAtMs === undefined) return undefined;
  if (state.records >= policy.maxRecords) return 'records';
  if (state.bytes >= policy.maxBytes) return 'bytes';
  if (nowMs - state.oldestReceivedAtMs >= policy.maxAgeMs) return 'age';
  return undefined;
}
