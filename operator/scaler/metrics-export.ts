// The exported-metrics file (`--metrics-file`): per-minute values of the five AWS/Kinesis series, null for a missing minute.
import { MetricsFileError } from './scaler-errors';
import type { MetricPoint } from '../../common/metrics/metrics-source';
import { KINESIS_METRIC } from '../../common/metrics/metric-names';
import type { StreamMetricsWindow } from './stream-metrics-window';

export interface MetricsExport {
  readonly streamName?: string;
  readonly periodSeconds: number;
  readonly start: string;
  readonly end: string;
  /** Keyed by the AWS/Kinesis metric name; value i belongs to the period starting at start + i * period. */
  readonly series: Readonly<Record<string, readonly (number | null)[]>>;
}

const FIELDS = [
  ['incomingBytes', KINESIS_METRIC.incomingBytes],
  ['incomingRecords', KINESIS_METRIC.incomingRecords],
  ['writeThrottled', KINESIS_METRIC.writeThrottled],
  ['getRecordsBytes', KINESIS_METRIC.getRecordsBytes],
  ['iteratorAgeMaxMs', KINESIS_METRIC.iteratorAgeMs],
] as const;

/** Checks the shape of parsed JSON from a file we do not control, then builds the window. */
export function windowFromExport(value: unknown): StreamMetricsWindow {
  if (typeof value !== 'object' || value === null) throw new MetricsFileError('metrics file: not a JSON object');
  const v = value as Record<string, unknown>;
  const start = typeof v.start === 'string' ? Date.parse(v.start) : NaN;
  const end = typeof v.end === 'string' ? Date.parse(v.end) : NaN;
  const period = v.periodSeconds;
  if (Number.isNaN(start) || Number.isNaN(end) || end <= start)
    throw new MetricsFileError('metrics file: start and end must be ISO times with end after start');
  if (typeof period !== 'number' || !Number.isInteger(period) || period <= 0)
    throw new MetricsFileError('metrics file: periodSeconds must be a positive integer');
  const series = (typeof v.series === 'object' && v.series !== null ? v.series : {}) as Record<string, unknown>;
  const points = (name: string): MetricPoint[] => {
    const list = series[name] ?? [];
    if (!Array.isArray(list)) throw new MetricsFileError(`metrics file: series.${name} must be an array`);
    return list.flatMap((x: unknown, i: number) => {
      if (x === null) return [];
      if (typeof x !== 'number' || !Number.isFinite(x))
        throw new MetricsFileError(`metrics file: series.${name}[${i}] must be a number or null`);
      return [{ timestamp: new Date(start + i * period * 1000), value: x }];
    });
  };
  const window: Record<string, unknown> = { start: new Date(start), end: new Date(end), periodSeconds: period };
  for (const [field, name] of FIELDS) window[field] = points(name);
  return window as unknown as StreamMetricsWindow;
}

/** The inverse, so a live window can be saved and replayed (`plan --save-metrics`). */
export function exportWindow(window: StreamMetricsWindow, streamName: string): MetricsExport {
  const periodMs = window.periodSeconds * 1000;
  const count = Math.ceil((window.end.getTime() - window.start.getTime()) / periodMs);
  const series: Record<string, (number | null)[]> = {};
  for (const [field, name] of FIELDS) {
    const values: (number | null)[] = new Array<number | null>(count).fill(null);
    for (const p of window[field]) {
      const i = Math.floor((p.timestamp.getTime() - window.start.getTime()) / periodMs);
      if (i >= 0 && i < count) values[i] = p.value;
    }
    series[name] = values;
  }
  return {
    streamName,
    periodSeconds: window.periodSeconds,
    start: window.start.toISOString(),
    end: window.end.toISOString(),
    series,
  };
}
