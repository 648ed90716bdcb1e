// What the people CLIs get from their script entry: environment, output, logger, a stop signal and a clock (tests inject all of them).
import type { Source } from '../common/config/config-reader';
import { ConfigError, describeError } from '../common/errors';
import type { Logger } from '../common/logger';
import { REPORTING_EXIT, UsageError } from './reporting-errors';

export interface CliDeps {
  readonly env: Source;
  /** Results (stdout). */
  readonly print: (text: string) => void;
  /** Progress and errors (stderr). */
  readonly printError: (text: string) => void;
  readonly logger: Logger;
  /** Ends long-running commands (SIGINT/SIGTERM in the scripts). */
  readonly signal?: AbortSignal;
  readonly now?: () => number;
}

/** Maps a failure to the documented exit code after telling the person what went wrong. */
export function failureExit(error: unknown, deps: CliDeps, usage: string): number {
  if (
    error instanceof UsageError ||
    (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'))
  ) {
    deps.printError(`${error.message}\n${usage}`);
    return REPORTING_EXIT.usage;
  }
  if (error instanceof ConfigError) {
    deps.printError(error.message);
    return REPORTING_EXIT.usage;
  }
  deps.logger.error('command failed', { error: describeError(error) });
  deps.printError(`ERROR: ${describeError(error)}`);
  return REPORTING_EXIT.error;
}

/** Resolves once the signal aborts (immediately when it already has). */
export function untilAborted(signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (signal === undefined) return;
    if (signal.aborted) {
      resolve();
      return;
    }
    signal.addEventListener('abort', () => resolve(), { once: true });
  });
}
