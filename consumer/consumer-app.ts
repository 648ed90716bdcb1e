// Composes one consumer child: config -> clients, sinks, analyzer, metrics -> a ShardProcessor; no process globals here.
import type { Logger } from '../common/logger';
import type { AwsClientFactory } from '../common/aws/client-factory';
import { createMetricsSink } from '../common/metrics/create-metrics-sink';
import type { MetricsSink } from '../common/metrics/metrics-sink';
import { createStreamThroughputMetrics } from '../common/metrics/stream-throughput-metrics';
import type { ConsumerConfig } from './config/consumer-config';
import { MetricsObserver } from './metrics-observer';
import { DEFAULT_DELIVERY_RETRY } from './processor/batch-delivery';
import { ShardProcessor } from './processor/shard-processor';
import { createShardRangeGuard } from './reshard/create-shard-range-guard';
import { buildParts } from './build-parts';

export interface ConsumerApp {
  readonly processor: ShardProcessor;
  /** Releases sinks, analyzer, metrics and sockets; never rejects. */
  close(): Promise<void>;
}

/**
 * The KCL consumer child's one composition: the parts the configuration names (buildParts, shared with the Lambda
 * consumer), the metrics sinks, and one MetricsObserver as the processor's only route to metrics.
 */
export async function createConsumerApp(
  config: ConsumerConfig,
  clients: AwsClientFactory,
  logger: Logger,
): Promise<ConsumerApp> {
  const parts = await buildParts(config, clients, logger);
  const metrics: MetricsSink = createMetricsSink(config.metrics, { cloudwatch: () => clients.cloudwatch(), logger });
  const throughput = createStreamThroughputMetrics(config.metrics, config.streamName, logger);
  const observer = new MetricsObserver(
    metrics,
    { application: config.applicationName, streamName: config.streamName },
    throughput,
  );
  const inputFilter = createShardRangeGuard(config, clients, logger);
  const processor = new ShardProcessor({
    sinks: parts.sinks,
    analyzer: parts.analyzer,
    logger,
    batchPolicy: config.batchPolicy,
    maxOpenBatches: config.maxOpenBatches,
    checkpointRetry: config.checkpointRetry,
    retryPolicy: {
      ...DEFAULT_DELIVERY_RETRY,
      maxAttempts: config.deliveryRetryAttempts,
      maxDelayMs: config.deliveryRetryMaxDelayMs,
    },
    holdPolicy: config.deliveryHold,
    payloadLimits: { maxRecordBytes: config.maxRecordBytes },
    observer,
    ...(inputFilter === undefined ? {} : { inputFilter }),
  });
  return {
    processor,
    close: async () => {
      await Promise.allSettled([processor.close(), metrics.close(), throughput.close()]);
      clients.destroy();
    },
  };
}
