// Entry point of `npm run alert -- ...`: wires process, signals, logger and stdout/stderr to the alert CLI.
import { createWinstonLogger } from '../common/winston-logger';
import { runAlertCli } from '../people/alerts/alert-cli';

async function main(): Promise<void> {
  const log = createWinstonLogger({ file: process.env.ALERT_LOG_FILE ?? '.local/logs/alert.log', errorsToStderr: false, defaultFields: { component: 'alert' } });
  const stop = new AbortController();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => stop.abort());
  process.exitCode = await runAlertCli(process.argv.slice(2), {
    env: process.env,
    print: (text) => process.stdout.write(`${text}\n`),
    printError: (text) => process.stderr.write(`${text}\n`),
    logger: log.logger,
    signal: stop.signal,
  });
  await log.close();
}

void main();
