// Builds the MetricsSink a process's configuration asks for: CloudWatch, the local JSONL store, or the null sink.
import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import type { Logger } from '../logger';
import { NullMetricsSink, type MetricsSink } from './metrics-sink';
import { CloudWatchMetricsSink } from './cloudwatch-metrics-sink';
import { LocalMetricsSink } from './local-metrics-store';
import type { MetricsConfig } from './metrics-config';

export interface MetricsSinkDeps {
  /** Only called in mode `cloudwatch` (pass `() => factory.cloudwatch()`). */
  readonly cloudwatch: () => CloudWatchClient;
  readonly logger: Logger;
}

export function createMetricsSink(config: MetricsConfig, deps: MetricsSinkDeps): MetricsSink {
  const common = {
    flushIntervalMs: config.flushIntervalMs,
    maxBufferedSeries: config.maxBufferedSeries,
    logger: deps.logger.child({ component: 'metrics' }),
  };
  switch (config.mode) {
    case 'cloudwatch':
      return new CloudWatchMetricsSink(deps.cloudwatch(), { ...common, namespace: config.namespace });
    case 'local':
      return new LocalMetricsSink({ ...common, namespace: config.namespace, directory: config.directory });
    case 'none':
      return new NullMetricsSink();
  }
}
