// Defends the protocol channel: console.*, stray stdout writes and process warnings go to the log file, never to stdout.
import { format } from 'node:util';
import type { Logger } from '../../common/logger';
import { NullLogger } from '../../common/logger';
import { rawWriteTo, type RawWrite } from './protocol-output';

export interface ConsoleGuard {
  /** Writes to the real stdout; only the protocol output may use it. */
  readonly protocolWrite: RawWrite;
  /** Where diverted output goes from now on. */
  setLogger(logger: Logger): void;
}

/**
 * Call first thing in the consumer's entry. Node's default warning printer (which would put the AWS SDK's
 * NodeVersionSupportWarning on stderr, an ERROR line per child in the daemon's log) is replaced by a log entry.
 */
export function installConsoleGuard(): ConsoleGuard {
  let logger: Logger = new NullLogger();
  const originalWrite = process.stdout.write.bind(process.stdout);
  const protocolWrite = rawWriteTo({ write: originalWrite } as unknown as NodeJS.WritableStream);

  const divert =
    (level: 'info' | 'warn' | 'error' | 'debug') =>
    (...args: unknown[]): void => {
      logger[level]('console output diverted from stdout', { text: format(...args) });
    };
  console.log = divert('info');
  console.info = divert('info');
  console.debug = divert('debug');
  console.trace = divert('debug');
  console.dir = divert('info');
  console.table = divert('info');
  console.warn = divert('warn');
  console.error = divert('warn');

  process.stdout.write = ((chunk: unknown): boolean => {
    logger.warn('stray stdout write diverted', {
      text:
        typeof chunk === 'string' ? chunk.slice(0, 500) : `<${String((chunk as Buffer | undefined)?.length)} bytes>`,
    });
    return true;
  }) as typeof process.stdout.write;

  process.removeAllListeners('warning');
  process.on('warning', (warning: Error) =>
    logger.info('process warning', { name: warning.name, message: warning.message.split('\n')[0] }),
  );
  process.on('uncaughtException', (error: Error) =>
    logger.error('uncaught exception; the processor keeps running', { error: error.stack ?? error.message }),
  );
  process.on('unhandledRejection', (reason: unknown) =>
    logger.error('unhandled promise rejection', {
      error: reason instanceof Error ? (reason.stack ?? reason.message) : String(reason),
    }),
  );

  return {
    protocolWrite,
    setLogger(next: Logger): void {
      logger = next;
    },
  };
}
