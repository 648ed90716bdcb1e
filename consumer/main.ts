// The consumer's entry, launched by the KCL MultiLangDaemon once per shard: the only module that touches the process.
import { installConsoleGuard } from './kcl/console-guard';
import { AwsClientFactory } from '../common/aws/client-factory';
import { ConfigError } from '../common/errors';
import { createWinstonLogger } from '../common/winston-logger';
import { readConsumerConfig, type ConsumerConfig } from './config/consumer-config';
import { createConsumerApp } from './consumer-app';
import { runKclAdapter } from './kcl/kcl-adapter';

const EXIT_GRACE_MS = 3_000;

async function main(): Promise<void> {
  const guard = installConsoleGuard();
  let config: ConsumerConfig;
  try {
    config = readConsumerConfig(process.env, process.pid);
  } catch (error: unknown) {
    // Fail fast with one message listing every problem; the daemon logs stderr at ERROR.
    process.stderr.write(`${error instanceof ConfigError ? error.message : String(error)}\n`);
    process.exit(1);
  }
  const log = createWinstonLogger({
    file: config.logFile,
    level: config.logLevel,
    errorsToStderr: true,
    defaultFields: { component: 'consumer', pid: process.pid },
  });
  guard.setLogger(log.logger);
  const app = await createConsumerApp(config, new AwsClientFactory(config.aws), log.logger);

  let exiting = false;
  const exit = (code: number): void => {
    if (exiting) return;
    exiting = true;
    // Whatever is still open (timers, sockets, pools) must not keep the daemon waiting for us.
    const forced = setTimeout(() => process.exit(code), EXIT_GRACE_MS);
    forced.unref();
    void app
      .close()
      .then(() => log.close())
      .finally(() => process.exit(code));
  };
  runKclAdapter({
    processor: app.processor,
    input: process.stdin,
    output: guard.protocolWrite,
    logger: log.logger,
    onInputEnded: () => exit(0),
  });
  process.once('SIGTERM', () => exit(0));
}

main().catch((error: unknown) => {
  process.stderr.write(`consumer failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
