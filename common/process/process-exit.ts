// How a child process ended, as Node's `exit` event reports it: the one shape of the daemon launcher and the supervisor.

/** `code` when it exited, `signal` when a signal ended it (the other is null). */
export interface ProcessExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}
