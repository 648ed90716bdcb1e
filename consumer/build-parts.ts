// Chooses the sinks and the sentiment analyzer the configuration names (SINKS=none: the dry-run sink only).
import type { PartsBuilder } from './consumer-app';
import { createSentimentAnalyzer } from './sentiment/create-sentiment-analyzer';
import { createSinks } from './sinks/create-sinks';
import { DryRunSink } from './sinks/dry-run-sink';

export const buildParts: PartsBuilder = async (config, clients, logger) => {
  const analyzer = createSentimentAnalyzer(config.sentiment, {
    aws: clients,
    logger: logger.child({ component: 'sentiment' }),
  });
  const sinks =
    config.sinkConfig === undefined
      ? [new DryRunSink(logger.child({ component: 'dry-run-sink' }))]
      : createSinks(config.sinkConfig, clients, logger);
  return { sinks, analyzer };
};
