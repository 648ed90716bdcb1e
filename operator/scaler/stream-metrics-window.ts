// Pure summary of a stream's per-minute AWS/Kinesis metrics: rates per second, newest minutes dropped as incomplete, gaps never read as zero.
import type { MetricPoint } from '../../common/metrics/metrics-source';
import { percentile } from '../../common/percentile';
import type { ObservedLoad } from './scaling-plan';
import type { ScalingPolicy } from './scaling-policy';

/** The five series the planner reads, as GetMetricData returns them (Sum per minute; Maximum for iterator age). */
export interface StreamMetricsWindow {
  readonly start: Date;
  readonly end: Date;
  readonly periodSeconds: number;
  readonly incomingBytes: readonly MetricPoint[];
  readonly incomingRecords: readonly MetricPoint[];
  readonly writeThrottled: readonly MetricPoint[];
  readonly getRecordsBytes: readonly MetricPoint[];
  readonly iteratorAgeMaxMs: readonly MetricPoint[];
}

type Policy = Pick<ScalingPolicy, 'incompleteMinutes' | 'recentMinutes' | 'sizingPercentile'>;

/** The moment after which data is treated as incomplete. */
export function completeEnd(window: StreamMetricsWindow, policy: Policy): Date {
  return new Date(window.end.getTime() - policy.incompleteMinutes * 60_000);
}

export function summarizeWindow(window: StreamMetricsWindow, policy: Policy): ObservedLoad {
  const cutoff = completeEnd(window, policy).getTime();
  const recentFrom = cutoff - policy.recentMinutes * 60_000;
  const complete = (points: readonly MetricPoint[]): MetricPoint[] =>
    points.filter((p) => p.timestamp.getTime() + window.periodSeconds * 1000 <= cutoff);
  const recent = (points: readonly MetricPoint[]): MetricPoint[] =>
    complete(points).filter((p) => p.timestamp.getTime() >= recentFrom);
  const perSecond = (points: readonly MetricPoint[]): MetricPoint[] =>
    complete(points).map((p) => ({ timestamp: p.timestamp, value: p.value / window.periodSeconds }));
  const rate = (points: readonly MetricPoint[]): { mean: number; sizing: number; peak: number } => {
    const all = perSecond(points);
    const values = all.map((p) => p.value);
    const recentValues = all.filter((p) => p.timestamp.getTime() >= recentFrom).map((p) => p.value);
    return {
      mean: mean(values),
      sizing: Math.max(percentile(values, policy.sizingPercentile), mean(recentValues)),
      peak: values.length === 0 ? 0 : Math.max(...values),
    };
  };
  const minutes = new Set(
    [...complete(window.incomingBytes), ...complete(window.incomingRecords)].map((p) => p.timestamp.getTime()),
  );
  const throttledRecent = recent(window.writeThrottled).filter((p) => p.value > 0);
  const ages = recent(window.iteratorAgeMaxMs).map((p) => p.value);
  return {
    completeMinutes: Math.max(0, Math.floor((cutoff - window.start.getTime()) / 60_000)),
    minutesWithData: minutes.size,
    writeBytesPerSec: rate(window.incomingBytes),
    writeRecordsPerSec: rate(window.incomingRecords),
    readBytesPerSec: rate(window.getRecordsBytes),
    throttledMinutesRecent: throttledRecent.length,
    throttledRecordsTotal: complete(window.writeThrottled).reduce((n, p) => n + p.value, 0),
    maxIteratorAgeMsRecent: ages.length === 0 ? null : Math.max(...ages),
  };
}

function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
}
