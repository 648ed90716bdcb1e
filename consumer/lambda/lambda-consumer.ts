// Composes the Lambda consumer once per execution environment: config, clients, sinks and analyzer, reused by every invocation.
import { AwsClientFactory } from '../../common/aws/client-factory';
import type { Source } from '../../common/config/config-reader';
import { createWinstonLogger, type ClosableLogger } from '../../common/winston-logger';
import { buildParts } from '../build-parts';
import { readConsumerConfig, type ConsumerConfig } from '../config/consumer-config';
import { DEFAULT_DELIVERY_RETRY } from '../processor/batch-delivery';
import { KinesisBatchHandler } from './kinesis-batch-handler';

/** `LOG_FILE=-` sends every log line (JSON) to stderr, which Lambda keeps in CloudWatch Logs. */
export const LOG_TO_STDERR = '-';

export interface LambdaConsumer {
  readonly handler: KinesisBatchHandler;
  readonly config: ConsumerConfig;
  /** Releases sinks, analyzer, clients and the log file; never rejects. */
  close(): Promise<void>;
}

/**
 * Reads the consumer's settings (the same variables as the KCL consumer; see consumer-config.ts) and builds the
 * handler. Throws ConfigError listing every problem. The KCL-only settings (checkpoint retry, open batches, the
 * shard-range guard) are read but unused: Lambda checkpoints itself and hands over one shard's records at a time.
 */
export async function createLambdaConsumer(env: Source, pid: number = process.pid): Promise<LambdaConsumer> {
  const config = readConsumerConfig(env, pid);
  const log: ClosableLogger =
    config.logFile === LOG_TO_STDERR
      ? createWinstonLogger({
          level: config.logLevel,
          stderrLevel: config.logLevel,
          defaultFields: { component: 'lambda-consumer' },
        })
      : createWinstonLogger({
          file: config.logFile,
          level: config.logLevel,
          errorsToStderr: true,
          defaultFields: { component: 'lambda-consumer', pid },
        });
  const clients = new AwsClientFactory(config.aws);
  const parts = await buildParts(config, clients, log.logger);
  const handler = new KinesisBatchHandler({
    sinks: parts.sinks,
    analyzer: parts.analyzer,
    logger: log.logger,
    batchPolicy: config.batchPolicy,
    retryPolicy: {
      ...DEFAULT_DELIVERY_RETRY,
      maxAttempts: config.deliveryRetryAttempts,
      maxDelayMs: config.deliveryRetryMaxDelayMs,
    },
    holdPolicy: config.deliveryHold,
    payloadLimits: { maxRecordBytes: config.maxRecordBytes },
  });
  return {
    handler,
    config,
    close: async () => {
      await Promise.allSettled([...parts.sinks.map((sink) => sink.close()), parts.analyzer.close()]);
      clients.destroy();
      await log.close();
    },
  };
}
