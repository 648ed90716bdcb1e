// Entry point of `npm run report -- ...`: wires process, signals, logger and stdout/stderr to the report CLI.
import { createWinstonLogger } from '../common/winston-logger';
import { runReportCli } from '../people/report/report-cli';

async function main(): Promise<void> {
  const log = createWinstonLogger({ file: process.env.REPORT_LOG_FILE ?? '.local/logs/report.log', errorsToStderr: false, defaultFields: { component: 'report' } });
  const stop = new AbortController();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => stop.abort());
  process.exitCode = await runReportCli(process.argv.slice(2), {
    env: process.env,
    print: (text) => process.stdout.write(`${text}\n`),
    printError: (text) => process.stderr.write(`${text}\n`),
    logger: log.logger,
    signal: stop.signal,
  });
  await log.close();
}

void main();
