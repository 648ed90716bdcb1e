// Reads where metrics go (CloudWatch, the local store, or nowhere) and how they are batched, from one ConfigReader.
import type { ConfigReader } from '../config/config-reader';

export const METRICS_MODES = ['cloudwatch', 'local', 'none'] as const;
export type MetricsMode = (typeof METRICS_MODES)[number];

export interface MetricsConfig {
  readonly mode: MetricsMode;
  readonly namespace: string;
  /** Directory of the local store (mode `local`). */
  readonly directory: string;
  readonly flushIntervalMs: number;
  readonly maxBufferedSeries: number;
}

/** The namespace the consumer and the checkpoint monitor publish to. */
export const DEFAULT_METRICS_NAMESPACE = 'KinesisToolkit/Consumer';
export const DEFAULT_LOCAL_METRICS_DIR = '.local/metrics';

/** METRICS_MODE, METRICS_NAMESPACE, METRICS_DIR, METRICS_FLUSH_INTERVAL_MS, METRICS_MAX_BUFFERED_SERIES. */
export function readMetricsConfig(reader: ConfigReader, defaults: Partial<MetricsConfig> = {}): MetricsConfig {
  const namespace = reader.string('METRICS_NAMESPACE', defaults.namespace ?? DEFAULT_METRICS_NAMESPACE);
  if (namespace.startsWith('AWS/'))
    reader.problem(`METRICS_NAMESPACE must not start with "AWS/" (reserved by AWS), got "${namespace}"`);
  return {
    mode: reader.oneOf('METRICS_MODE', METRICS_MODES, defaults.mode ?? 'none'),
    namespace,
    directory: reader.string('METRICS_DIR', defaults.directory ?? DEFAULT_LOCAL_METRICS_DIR),
    flushIntervalMs: reader.integer('METRICS_FLUSH_INTERVAL_MS', defaults.flushIntervalMs ?? 60_000, {
      min: 0,
      max: 3_600_000,
    }),
    maxBufferedSeries: reader.integer('METRICS_MAX_BUFFERED_SERIES', defaults.maxBufferedSeries ?? 20_000, { min: 1 }),
  };
}
