// The local metrics store of `npm start` and the scale scenario: where it lives, the consumers' settings for it, the producer's sink into it.
import * as path from 'node:path';
import type { Logger } from '../../common/logger';
import type { MetricsSink } from '../../common/metrics/metrics-sink';
import { DEFAULT_METRICS_NAMESPACE, METRICS_SETTINGS, type MetricsConfig } from '../../common/metrics/metrics-config';
import { consumerEnv } from '../../consumer/config/consumer-settings';
import { ProducerThroughputSink } from '../../common/metrics/producer-throughput-sink';
import { createStreamThroughputMetrics } from '../../common/metrics/stream-throughput-metrics';

/** Locally metrics are flushed every 10 s (CloudWatch's 60 s would leave the current minute empty for a minute). */
export const LOCAL_METRICS_FLUSH_INTERVAL_MS = 10_000;

/** `<dir>/metrics`: the METRICS_DIR of everything the local stack runs. */
export function localMetricsDir(dir: string): string {
  return path.resolve(dir, 'metrics');
}

/** The consumer children's settings: their own metrics and the AWS/Kinesis read series go to the local store. */
export function localMetricsEnv(
  metricsDir: string,
  flushIntervalMs = LOCAL_METRICS_FLUSH_INTERVAL_MS,
): Record<string, string> {
  return consumerEnv({ metricsMode: 'local', metricsDir, metricsFlushIntervalMs: flushIntervalMs });
}

/** The same store as a MetricsConfig, for in-process writers (producer, checkpoint monitor). */
export function localMetricsConfig(
  metricsDir: string,
  flushIntervalMs = LOCAL_METRICS_FLUSH_INTERVAL_MS,
): MetricsConfig {
  return {
    mode: 'local',
    namespace: DEFAULT_METRICS_NAMESPACE,
    directory: metricsDir,
    flushIntervalMs,
    maxBufferedSeries: METRICS_SETTINGS.metricsMaxBufferedSeries.default,
  };
}

/** The sink to give createProducer: what Kinesis accepted becomes IncomingRecords/IncomingBytes of the stream. */
export function producerThroughputSink(
  metricsDir: string,
  streamName: string,
  logger: Logger,
  flushIntervalMs = LOCAL_METRICS_FLUSH_INTERVAL_MS,
): MetricsSink {
  return new ProducerThroughputSink(
    createStreamThroughputMetrics(localMetricsConfig(metricsDir, flushIntervalMs), streamName, logger),
  );
}
