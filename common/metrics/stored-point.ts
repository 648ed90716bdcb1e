// The line format of the local metrics store, and a guarded parser for it (a torn or foreign line is skipped).
import type { MetricUnit } from './metrics-sink';

export interface StoredPoint {
  readonly namespace: string;
  readonly name: string;
  readonly unit: MetricUnit;
  readonly dimensions: Readonly<Record<string, string>>;
  /** ISO-8601 start of the minute. */
  readonly timestamp: string;
  readonly sampleCount: number;
  readonly sum: number;
  readonly minimum: number;
  readonly maximum: number;
}

export function parseStoredPoint(line: string): StoredPoint | undefined {
  if (line.trim() === '') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  const numbers = ['sampleCount', 'sum', 'minimum', 'maximum'].every(
    (k) => typeof v[k] === 'number' && Number.isFinite(v[k]),
  );
  if (!numbers || typeof v.name !== 'string' || typeof v.namespace !== 'string' || typeof v.timestamp !== 'string')
    return undefined;
  if (Number.isNaN(Date.parse(v.timestamp)) || typeof v.dimensions !== 'object' || v.dimensions === null)
    return undefined;
  const dims = v.dimensions as Record<string, unknown>;
  if (!Object.values(dims).every((d) => typeof d === 'string')) return undefined;
  return v as unknown as StoredPoint;
}
