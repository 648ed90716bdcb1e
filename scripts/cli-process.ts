// Process set-up every CLI shares: warnings (the AWS SDK's Node-version notice) to the log file, and the local-or-cloud decision applied and said once.
import { format } from 'node:util';
import { applyLocalOrCloud, type LocalOrCloud } from '../common/aws/local-or-cloud';
import type { Logger } from '../common/logger';

/**
 * Call before any AWS client is built. Node's default warning printer is replaced by a log entry, so stderr keeps the
 * CLI's own messages; then the local stack's endpoints, names and dummy credentials are applied to process.env when no
 * endpoint is configured and .local/endpoints.json exists, and one line on stderr says so.
 */
export function prepareCliProcess(logger: Logger, printError: (text: string) => void): LocalOrCloud {
  routeWarningsToLog(logger);
  const resolved = applyLocalOrCloud(process.env);
  if (resolved.notice !== undefined) {
    printError(resolved.notice);
    logger.info('aws target', { target: resolved.target, notice: resolved.notice });
  }
  return resolved;
}

/** Process warnings and library console warnings (the SDK's HTTP handler writes some) become log entries; the CLIs write their own messages with process.stderr. */
export function routeWarningsToLog(logger: Logger): void {
  process.removeAllListeners('warning');
  process.on('warning', (warning: Error) =>
    logger.warn('process warning', { name: warning.name, message: warning.message.split('\n')[0] }),
  );
  console.warn = (...args: unknown[]): void => logger.warn('console warning', { text: format(...args) });
}
