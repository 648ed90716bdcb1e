// Entry point of `npm run monitor -- ...`: wires process, signals, logger and stdout to the checkpoint monitor CLI.
import { createWinstonLogger } from '../common/winston-logger';
import { runMonitorCli } from '../operator/monitor/monitor-cli';

async function main(): Promise<void> {
  const log = createWinstonLogger({ file: process.env.MONITOR_LOG_FILE ?? '.local/logs/monitor.log', errorsToStderr: false, defaultFields: { component: 'monitor' } });
  const stop = new AbortController();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => stop.abort());
  const code = await runMonitorCli(process.argv.slice(2), {
    env: process.env,
    print: (text) => process.stdout.write(`${text}\n`),
    printError: (text) => process.stderr.write(`${text}\n`),
    logger: log.logger,
    signal: stop.signal,
  });
  await log.close();
  process.exitCode = code;
}

void main();
