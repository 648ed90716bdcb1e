// Entry point of `npm run dashboard -- ...`: wires process, signals, logger and stdout/stderr to the dashboard CLI.
import { createWinstonLogger } from '../common/winston-logger';
import { runDashboardCli } from '../people/dashboard/dashboard-cli';

async function main(): Promise<void> {
  const log = createWinstonLogger({ file: process.env.DASHBOARD_LOG_FILE ?? '.local/logs/dashboard.log', errorsToStderr: false, defaultFields: { component: 'dashboard' } });
  const stop = new AbortController();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => stop.abort());
  process.exitCode = await runDashboardCli(process.argv.slice(2), {
    env: process.env,
    print: (text) => process.stdout.write(`${text}\n`),
    printError: (text) => process.stderr.write(`${text}\n`),
    logger: log.logger,
    signal: stop.signal,
  });
  await log.close();
}

void main();
