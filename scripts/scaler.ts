// Entry point of `npm run scaler -- <plan|apply|run> ...`: wires process, logger and stdout to the scaler CLI.
import { logFileFor } from '../common/config/log-file';
import { createWinstonLogger } from '../common/winston-logger';
import { runScalerCli } from '../operator/scaler/scaler-cli';
import { prepareCliProcess } from './cli-process';

async function main(): Promise<void> {
  const log = createWinstonLogger({
    file: logFileFor('scaler', process.env),
    errorsToStderr: false,
    defaultFields: { component: 'scaler' },
  });
  prepareCliProcess(log.logger, (text) => process.stderr.write(`${text}\n`));
  const code = await runScalerCli(process.argv.slice(2), {
    env: process.env,
    print: (text) => process.stdout.write(`${text}\n`),
    printError: (text) => process.stderr.write(`${text}\n`),
    logger: log.logger,
  });
  await log.close();
  process.exitCode = code;
}

void main();
