// Counters a source keeps about its connection or polls, shown in progress lines and the --json summary.

export interface SourceStats {
  /** Stream connections opened (X) or polls done (Instagram). */
  connects: number;
  reconnects: number;
  /** Connections closed because no byte (not even a keep-alive) arrived within the stall timeout. */
  stalls: number;
  /** Milliseconds from the last stall's detection to the next established connection. */
  lastStallReconnectMs?: number;
  networkErrors: number;
  httpErrors: number;
  rateLimited: number;
  /** Total time spent waiting on 429s, ms. */
  rateLimitWaitMs: number;
  malformed: number;
  /** X: posts matched only by another application's rules on a shared stream (billed by X, not kept). */
  otherRules: number;
  systemMessages: number;
  keepAlives: number;
  pages: number;
}

export function emptySourceStats(): SourceStats {
  return {
    connects: 0,
    reconnects: 0,
    stalls: 0,
    networkErrors: 0,
    httpErrors: 0,
    rateLimited: 0,
    rateLimitWaitMs: 0,
    malformed: 0,
    otherRules: 0,
    systemMessages: 0,
    keepAlives: 0,
    pages: 0,
  };
}

/** A source of posts: an async iterable that ends when `signal` aborts (or the source runs dry), with live counters. */
export interface PostSourceRun<T> {
  readonly stats: SourceStats;
  posts(signal: AbortSignal): AsyncIterable<T>;
}
