// Shared set-up of the soak commands: a run folder, a log file, dummy credentials, the soak stack, Ctrl-C as an abort.
import * as path from 'node:path';
import { createWinstonLogger } from '../../common/winston-logger';
import type { Logger } from '../../common/logger';
import { useLocalCredentials } from '../../common/aws/local-or-cloud';
import { createRunFolder } from '../demo/demo-run';
import { startSoakStack, type SoakStack } from './soak-stack';
import { SOAK_BUCKET } from './soak-pipeline';

export interface SoakSession {
  readonly dir: string;
  readonly logger: Logger;
  readonly signal: AbortSignal;
  readonly progress: (line: string) => void;
  startStack(): Promise<SoakStack>;
  close(): Promise<void>;
}

export function openSoakSession(tool: string): SoakSession {
  const dir = createRunFolder();
  const log = createWinstonLogger({ file: path.join(dir, 'logs', `${tool}.log`), errorsToStderr: false });
  process.removeAllListeners('warning');
  process.on('warning', (warning) =>
    log.logger.warn('process warning', { name: warning.name, message: warning.message }),
  );
  // Local stand-ins only: dummy keys, so real credentials in this shell are never sent to them.
  useLocalCredentials(process.env);
  const interrupt = new AbortController();
  process.once('SIGINT', () => interrupt.abort());
  process.once('SIGTERM', () => interrupt.abort());
  const started = Date.now();
  return {
    dir,
    logger: log.logger,
    signal: interrupt.signal,
    progress: (line) => {
      process.stderr.write(`[${tool} ${((Date.now() - started) / 1000).toFixed(0)}s] ${line}\n`);
    },
    startStack: () => startSoakStack(dir, [SOAK_BUCKET]),
    close: () => log.close(),
  };
}
