// Reads where metrics go (CloudWatch, the local store, or nowhere) and how they are batched, from one ConfigReader.
import type { ConfigReader } from '../config/config-reader';
import type { SettingsTable } from '../config/setting';

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

/** The metrics settings every publisher reads (consumer, monitor): one row per variable; a caller may change a default. */
export const METRICS_SETTINGS = {
  metricsMode: { variable: 'METRICS_MODE', default: 'none', doc: '`cloudwatch`, `local` or `none`' },
  metricsNamespace: {
    variable: 'METRICS_NAMESPACE',
    default: DEFAULT_METRICS_NAMESPACE,
    doc: 'CloudWatch namespace (not `AWS/...`)',
  },
  metricsDir: {
    variable: 'METRICS_DIR',
    default: DEFAULT_LOCAL_METRICS_DIR,
    doc: 'the local metrics store (mode `local`)',
  },
  metricsFlushIntervalMs: {
    variable: 'METRICS_FLUSH_INTERVAL_MS',
    default: 60_000,
    doc: 'how often buffered metrics are published (0: no timer, flushed when the process flushes or closes)',
  },
  metricsMaxBufferedSeries: {
    variable: 'METRICS_MAX_BUFFERED_SERIES',
    default: 20_000,
    doc: 'series kept between flushes before the oldest are dropped',
  },
} as const satisfies SettingsTable;

/** METRICS_MODE, METRICS_NAMESPACE, METRICS_DIR, METRICS_FLUSH_INTERVAL_MS, METRICS_MAX_BUFFERED_SERIES. */
export function readMetricsConfig(reader: ConfigReader, defaults: Partial<MetricsConfig> = {}): MetricsConfig {
  const s = METRICS_SETTINGS;
  const namespace = reader.string(s.metricsNamespace.variable, defaults.namespace ?? s.metricsNamespace.default);
  if (namespace.startsWith('AWS/'))
    reader.problem(`${s.metricsNamespace.variable} must not start with "AWS/" (reserved by AWS), got "${namespace}"`);
  return {
    mode: reader.oneOf(s.metricsMode.variable, METRICS_MODES, defaults.mode ?? s.metricsMode.default),
    namespace,
    directory: reader.string(s.metricsDir.variable, defaults.directory ?? s.metricsDir.default),
    flushIntervalMs: reader.integer(
      s.metricsFlushIntervalMs.variable,
      defaults.flushIntervalMs ?? s.metricsFlushIntervalMs.default,
      { min: 0, max: 3_600_000 },
    ),
    maxBufferedSeries: reader.integer(
      s.metricsMaxBufferedSeries.variable,
      defaults.maxBufferedSeries ?? s.metricsMaxBufferedSeries.default,
      { min: 1 },
    ),
  };
}
