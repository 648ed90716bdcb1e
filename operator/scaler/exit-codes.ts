// The scaler's documented exit codes, for schedulers and scripts.

export const EXIT = Object.freeze({
  /** Nothing to do (also: an on-demand stream, reported only). */
  nothingToDo: 0,
  /** Something failed (AWS error, bad arguments or configuration, timeout). */
  error: 1,
  /** `plan`: a change is planned and waits for `apply`. */
  changesPending: 2,
  /** `apply` / `run`: the shard count was changed. */
  changed: 3,
  /** A guard stopped the change: stream not ACTIVE, consumers lag, budget exhausted, lock held, precondition or plan age. */
  blocked: 4,
});

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
