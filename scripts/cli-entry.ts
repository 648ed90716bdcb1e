// The one entry of every CLI: a log file, SIGINT/SIGTERM as an abort signal, stdout/stderr, usage errors, the exit code.
import { logFileFor } from '../common/config/log-file';
import { ConfigError, describeError } from '../common/errors';
import { createWinstonLogger, type ClosableLogger } from '../common/winston-logger';
import { NullLogger, type Logger } from '../common/logger';
import { prepareCliProcess, routeWarningsToLog } from './cli-process';

export interface EntryDeps {
  readonly env: NodeJS.ProcessEnv;
  readonly print: (text: string) => void;
  readonly printError: (text: string) => void;
  readonly logger: Logger;
  readonly signal: AbortSignal;
}

/** Exit codes every CLI shares; a tool may add its own above 2 (the scaler's 3 and 4, the collector's 3). */
const EXIT = Object.freeze({ ok: 0, failed: 1, usage: 2 });

/** What differs between tools at the entry; every field is optional and the defaults are the operator CLIs'. */
export interface EntryOptions {
  /**
   * Apply the local-or-cloud rule (`.local/endpoints.json`) to the environment before the CLI runs (default true).
   * False for tools that run their own stand-ins (start, demo, soaks), decide by a flag (collect, produce) or never
   * call AWS through the local stack (score, validate-properties, the worker image's renderer).
   */
  readonly localOrCloud?: boolean;
  /**
   * The log file: default `$<TOOL>_LOG_FILE` or `.local/logs/<tool>.log`; a path; or false when the tool opens its
   * own log once its arguments are read (the collector's --log-file, the demo's run folder): `deps.logger` then drops
   * everything.
   */
  readonly logFile?: string | false;
  /**
   * Exit with `process.exit` once the CLI resolved (default false: `process.exitCode`, so a leaked handle shows as a
   * hang in tests). The long-running local tools set it: their child processes' pipes must not keep them alive.
   */
  readonly forceExit?: boolean;
  /**
   * SIGINT/SIGTERM abort `deps.signal` (default true). False for short tools that never read it (score, validate,
   * render): the signals keep Node's default and end the process at once, as a Ctrl-C should.
   */
  readonly abortOnSignal?: boolean;
}

/**
 * Runs `cli` with the process arguments and exits with the code it resolves to. Its log (and process warnings) go to
 * `$<TOOL>_LOG_FILE` or `.local/logs/<tool>.log` (see `options.logFile`); local-or-cloud is resolved first (see
 * `options.localOrCloud`). When `cli` throws, a ConfigError prints its problems and exits 2; anything else prints
 * `<tool> failed: <why>` and exits 1.
 */
export function runCliEntry(
  tool: string,
  cli: (argv: string[], deps: EntryDeps) => Promise<number>,
  options: EntryOptions = {},
): void {
  const file = options.logFile === undefined ? logFileFor(tool, process.env) : options.logFile;
  const log: ClosableLogger | undefined =
    file === false
      ? undefined
      : createWinstonLogger({ file, errorsToStderr: false, defaultFields: { component: tool } });
  const logger = log?.logger ?? new NullLogger();
  const printError = (text: string): void => {
    process.stderr.write(`${text}\n`);
  };
  if (options.localOrCloud ?? true) prepareCliProcess(logger, printError);
  else routeWarningsToLog(logger);
  // Registered before the CLI runs: a Ctrl-C during start-up still reaches it as an abort.
  const stop = new AbortController();
  if (options.abortOnSignal ?? true)
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => stop.abort());
  const finish = async (code: number): Promise<void> => {
    await log?.close();
    if (options.forceExit === true) process.exit(code);
    process.exitCode = code;
  };
  cli(process.argv.slice(2), {
    env: process.env,
    print: (text) => process.stdout.write(`${text}\n`),
    printError,
    logger,
    signal: stop.signal,
  }).then(finish, async (error: unknown) => {
    if (isUsageError(error)) {
      printError(error instanceof Error ? error.message : String(error));
      return finish(EXIT.usage);
    }
    printError(`${tool} failed: ${describeError(error)}`);
    logger.error(`${tool} failed`, { error: describeError(error) });
    return finish(EXIT.failed);
  });
}

/** A ConfigError (every problem of the settings or flags), or node:util parseArgs' own refusal (ERR_PARSE_ARGS_*). */
function isUsageError(error: unknown): boolean {
  if (error instanceof ConfigError) return true;
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_');
}

/** What a CLI's parse step decided: run with `args`, or exit now with `exit` (usage printed, or --help). */
export type ParsedCli<A> = { readonly args: A; readonly exit?: undefined } | { readonly exit: number };

/**
 * The parse step every CLI shares: `parse` throws a ConfigError listing every problem, or parseArgs' strict error (an
 * unknown flag among them, even beside --help) -> the problems and `usage` on stderr, exit 2; `help(args)` -> `usage` on stdout, exit 0.
 */
export function parseCli<A>(
  usage: string,
  deps: Pick<EntryDeps, 'print' | 'printError'>,
  parse: () => A,
  help: (args: A) => boolean,
): ParsedCli<A> {
  let args: A;
  try {
    args = parse();
  } catch (error: unknown) {
    if (!isUsageError(error)) throw error;
    deps.printError(`${error instanceof Error ? error.message : String(error)}\n\n${usage}`);
    return { exit: EXIT.usage };
  }
  if (help(args)) {
    deps.print(usage);
    return { exit: EXIT.ok };
  }
  return { args };
}
