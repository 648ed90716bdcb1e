// Shared set-up of the soak commands: a run folder, a log file, dummy credentials, the soak stack, Ctrl-C as an abort.
import * as path from 'node:path';
import { createWinstonLogger } from '../../common/winston-logger';
import type { Logger } from '../../common/logger';
import { LOCAL_ACCESS_KEY } from '../local-daemon';
import { createRunFolder } from '../demo-run';
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
  process.on('warning', (warning) => log.logger.warn('process warning', { name: warning.name, message: warning.message }));
  // Local stand-ins only: dummy keys, so real credentials in this shell are never sent to them.
  Object.assign(process.env, { AWS_ACCESS_KEY_ID: LOCAL_ACCESS_KEY, AWS_SECRET_ACCESS_KEY: LOCAL_ACCESS_KEY });
  delete process.env.AWS_SESSION_TOKEN;
  delete process.env.AWS_PROFILE;
  const interrupt = new AbortController();
  process.once('SIGINT', () => interrupt.abort());
  process.once('SIGTERM', () => interrupt.abort());
  const started = Date.now();
  return {
    dir, logger: log.logger, signal: interrupt.signal,
    progress: (line) => { process.stderr.write(`[${tool} ${((Date.now() - started) / 1000).toFixed(0)}s] ${line}\n`); },
    startStack: () => startSoakStack(dir, [SOAK_BUCKET]),
    close: () => log.close(),
  };
}
