// Starts the demo's consumer: the supervised KCL daemon (default) or the Lambda handler behind the local event source mapping.
import type { KinesisClient } from '@aws-sdk/client-kinesis';
import type { Logger } from '../../common/logger';
import { createLambdaConsumer } from '../../consumer/lambda/lambda-consumer';
import { LocalKinesisEventSource } from '../lambda/kinesis-event-source';
import { localConsumerEnv, type LocalDaemonOptions } from '../wiring/local-daemon';
import { superviseDaemon } from '../wiring/supervised-daemon';
import type { ConsumerMode } from './demo-args';

export interface RunningConsumer {
  /** Daemon restarts (KCL) or 0 (Lambda). */
  readonly restarts: number;
  /** What the status line says about it. */
  describe(): string;
  stop(): Promise<void>;
}

export interface DemoConsumerOptions {
  readonly mode: ConsumerMode;
  readonly daemon: LocalDaemonOptions;
  readonly kinesis: KinesisClient;
  readonly logger: Logger;
  readonly readyTimeoutMs: number;
}

/**
 * KCL: the real daemon, supervised. Lambda: the handler built from the same consumer environment the daemon would
 * pass its children (`localConsumerEnv`), invoked in-process by LocalKinesisEventSource with Lambda's batch size
 * default raised to the consumer's local batch size.
 */
export async function startDemoConsumer(options: DemoConsumerOptions): Promise<RunningConsumer> {
  if (options.mode === 'kcl') {
    const supervisor = await superviseDaemon({
      daemon: options.daemon,
      logger: options.logger.child({ component: 'supervisor' }),
      readyTimeoutMs: options.readyTimeoutMs,
    });
    return {
      get restarts() {
        return supervisor.restarts;
      },
      describe: () => `daemon restarts ${supervisor.restarts}`,
      stop: () => supervisor.stop(),
    };
  }
  const consumer = await createLambdaConsumer(localConsumerEnv(options.daemon));
  const source = new LocalKinesisEventSource({
    kinesis: options.kinesis,
    streamName: options.daemon.streamName,
    region: options.daemon.endpoints.region,
    invoke: (event) => consumer.handler.handle(event),
    logger: options.logger.child({ component: 'event-source' }),
    batchSize: 500,
  });
  source.start();
  return {
    restarts: 0,
    describe: () =>
      `lambda invocations ${source.stats.invocations} (retries ${source.stats.retries}, bisections ${source.stats.bisections})`,
    stop: async () => {
      await source.close();
      await consumer.close();
    },
  };
}
