// Chooses the sinks and the sentiment analyzer the configuration names (SINKS=none: the dry-run sink only).
import type { AwsClientFactory } from '../common/aws/client-factory';
import type { Logger } from '../common/logger';
import type { ConsumerConfig } from './config/consumer-config';
import { createSentimentAnalyzer } from './sentiment/create-sentiment-analyzer';
import type { SentimentAnalyzer } from './sentiment/sentiment-analyzer';
import { createSinks } from './sinks/create-sinks';
import { DryRunSink } from './sinks/dry-run-sink';
import type { Sink } from './sinks/sink';

export interface ConsumerParts {
  readonly sinks: readonly Sink[];
  readonly analyzer: SentimentAnalyzer;
}

/** The sinks and the analyzer of the KCL consumer (consumer-app.ts) and the Lambda consumer (lambda-consumer.ts). */
export async function buildParts(
  config: ConsumerConfig,
  clients: AwsClientFactory,
  logger: Logger,
): Promise<ConsumerParts> {
  const analyzer = createSentimentAnalyzer(config.sentiment, {
    aws: clients,
    logger: logger.child({ component: 'sentiment' }),
  });
  const sinks =
    config.sinkConfig === undefined
      ? [new DryRunSink(logger.child({ component: 'dry-run-sink' }))]
      : createSinks(config.sinkConfig, clients, logger);
  return { sinks, analyzer };
}
