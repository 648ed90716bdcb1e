// Folds repeated data points into per-minute statistic sets (count, sum, min, max), bounded in the number of distinct series.
import type { MetricDatum, MetricUnit } from './metrics-sink';

export interface StatisticSet {
  readonly sampleCount: number;
  readonly sum: number;
  readonly minimum: number;
  readonly maximum: number;
}

/** One aggregated point: every datum with the same name, unit, dimensions and minute. */
export interface AggregatedPoint {
  readonly name: string;
  readonly unit: MetricUnit;
  readonly dimensions: Readonly<Record<string, string>>;
  /** Start of the minute the points fell into. */
  readonly timestamp: Date;
  readonly statistics: StatisticSet;
}

export interface AddResult {
  readonly accepted: boolean;
  readonly reason?: 'not-finite' | 'buffer-full';
}

const MINUTE_MS = 60_000;
const NO_DIMENSIONS = Object.freeze({ sorted: {}, key: '{}' });

interface MutableSet {
  sampleCount: number;
  sum: number;
  minimum: number;
  maximum: number;
}
interface Slot {
  readonly point: Omit<AggregatedPoint, 'statistics'>;
  readonly stats: MutableSet;
}

/** Pure aggregation with a bound; `drain()` hands over everything collected so far. */
export class MetricAggregator {
  private slots = new Map<string, Slot>();
  /** Callers usually pass the same frozen dimensions object each time: sort and serialise it once. */
  private readonly dimensionKeys = new WeakMap<
    object,
    { readonly sorted: Record<string, string>; readonly key: string }
  >();

  public constructor(
    private readonly maxSeries: number,
    private readonly now: () => number = Date.now,
  ) {}

  public get size(): number {
    return this.slots.size;
  }

  public add(datum: MetricDatum): AddResult {
    if (!Number.isFinite(datum.value)) return { accepted: false, reason: 'not-finite' };
    const minute = Math.floor((datum.timestamp?.getTime() ?? this.now()) / MINUTE_MS) * MINUTE_MS;
    const dims = this.dimensionsOf(datum.dimensions);
    const dimensions = dims.sorted;
    const key = `${datum.name}\u0000${datum.unit}\u0000${dims.key}\u0000${minute}`;
    const slot = this.slots.get(key);
    if (slot !== undefined) {
      const s = slot.stats;
      s.sampleCount += 1;
      s.sum += datum.value;
      s.minimum = Math.min(s.minimum, datum.value);
      s.maximum = Math.max(s.maximum, datum.value);
      return { accepted: true };
    }
    if (this.slots.size >= this.maxSeries) return { accepted: false, reason: 'buffer-full' };
    this.slots.set(key, {
      point: { name: datum.name, unit: datum.unit, dimensions, timestamp: new Date(minute) },
      stats: { sampleCount: 1, sum: datum.value, minimum: datum.value, maximum: datum.value },
    });
    return { accepted: true };
  }

  private dimensionsOf(dimensions: Readonly<Record<string, string>> | undefined): {
    readonly sorted: Record<string, string>;
    readonly key: string;
  } {
    if (dimensions === undefined) return NO_DIMENSIONS;
    let entry = this.dimensionKeys.get(dimensions);
    if (entry === undefined) {
      const sorted = sortedDimensions(dimensions);
      entry = { sorted, key: JSON.stringify(sorted) };
      if (Object.isFrozen(dimensions)) this.dimensionKeys.set(dimensions, entry);
    }
    return entry;
  }

  /** Everything aggregated so far, oldest minute first; the aggregator is empty afterwards. */
  public drain(): AggregatedPoint[] {
    const slots = [...this.slots.values()];
    this.slots = new Map();
    return slots
      .map((slot) => ({ ...slot.point, statistics: { ...slot.stats } }))
      .sort((a, b) => a.timestamp.getTime() - b.timestamp.getTime());
  }
}

function sortedDimensions(dimensions: Readonly<Record<string, string>> | undefined): Record<string, string> {
  const sorted: Record<string, string> = {};
  if (dimensions === undefined) return sorted;
  for (const key of Object.keys(dimensions).sort()) sorted[key] = dimensions[key] as string;
  return sorted;
}
