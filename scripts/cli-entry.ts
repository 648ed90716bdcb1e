// Shared entry wiring for the operator and people CLIs: a log file, SIGINT/SIGTERM as an abort signal, stdout/stderr, the exit code.
import { logFileFor } from '../common/config/log-file';
import { createWinstonLogger } from '../common/winston-logger';
import type { Logger } from '../common/logger';
import { prepareCliProcess } from './cli-process';

export interface EntryDeps {
  readonly env: NodeJS.ProcessEnv;
  readonly print: (text: string) => void;
  readonly printError: (text: string) => void;
  readonly logger: Logger;
  readonly signal: AbortSignal;
}

/** Runs `cli` with process arguments; its log (and process warnings) go to `$<TOOL>_LOG_FILE` or `.local/logs/<tool>.log`; local-or-cloud is resolved first. */
export function runCliEntry(tool: string, cli: (argv: string[], deps: EntryDeps) => Promise<number>): void {
  const log = createWinstonLogger({
    file: logFileFor(tool, process.env),
    errorsToStderr: false,
    defaultFields: { component: tool },
  });
  prepareCliProcess(log.logger, (text) => process.stderr.write(`${text}\n`));
  const stop = new AbortController();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => stop.abort());
  void cli(process.argv.slice(2), {
    env: process.env,
    print: (text) => process.stdout.write(`${text}\n`),
    printError: (text) => process.stderr.write(`${text}\n`),
    logger: log.logger,
    signal: stop.signal,
  }).then(async (code) => {
    await log.close();
    process.exitCode = code;
  });
}
