// The port for reading metrics back (GetMetricData-like): the scaler reads stream throughput through it, from CloudWatch or the local store.
import type { MetricUnit } from './metrics-sink';

export type MetricStat = 'Sum' | 'Average' | 'Maximum' | 'Minimum' | 'SampleCount';

export interface MetricQuery {
  /** Caller's id for the series (CloudWatch requires it to start with a lower-case letter). */
  readonly id: string;
  readonly namespace: string;
  readonly name: string;
  readonly dimensions: Readonly<Record<string, string>>;
  readonly stat: MetricStat;
  readonly periodSeconds: number;
  readonly unit?: MetricUnit;
}

export interface MetricPoint {
  /** Start of the period. */
  readonly timestamp: Date;
  readonly value: number;
}

/** Periods without data are absent, never zero. Points are in ascending time order. */
export interface MetricSeries {
  readonly id: string;
  readonly points: readonly MetricPoint[];
}

export interface MetricsSource {
  getMetricData(
    queries: readonly MetricQuery[],
    window: { readonly start: Date; readonly end: Date },
  ): Promise<MetricSeries[]>;
}

/** Applies a statistic to a statistic set folded over one period. */
export function statisticOf(
  stat: MetricStat,
  s: { sampleCount: number; sum: number; minimum: number; maximum: number },
): number {
  switch (stat) {
    case 'Sum':
      return s.sum;
    case 'Average':
      return s.sampleCount === 0 ? 0 : s.sum / s.sampleCount;
    case 'Maximum':
      return s.maximum;
    case 'Minimum':
      return s.minimum;
    case 'SampleCount':
      return s.sampleCount;
  }
}
