// Local metrics store: the sink appends aggregated points as JSON lines under a directory; the source reads them back.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BufferedMetricsSink, type BufferedSinkOptions } from './buffered-metrics-sink';
import type { AggregatedPoint } from './metric-aggregator';
import { statisticOf, type MetricQuery, type MetricSeries, type MetricsSource } from './metrics-source';
import { parseStoredPoint, type StoredPoint } from './stored-point';

/** The file one namespace's points go to. */
export function localMetricsFile(directory: string, namespace: string): string {
  return path.join(directory, `${namespace.replace(/[^A-Za-z0-9._-]+/g, '_')}.jsonl`);
}

export interface LocalSinkOptions extends BufferedSinkOptions {
  readonly directory: string;
  readonly namespace: string;
}

/** Appends one line per aggregated point; several processes may append to the same file. */
export class LocalMetricsSink extends BufferedMetricsSink {
  public constructor(private readonly local: LocalSinkOptions) {
    super(local);
  }

  protected async publish(points: readonly AggregatedPoint[]): Promise<void> {
    const lines = points
      .map((p) =>
        JSON.stringify({
          namespace: this.local.namespace,
          name: p.name,
          unit: p.unit,
          dimensions: p.dimensions,
          timestamp: p.timestamp.toISOString(),
          ...p.statistics,
        } satisfies StoredPoint),
      )
      .join('\n');
    await fs.promises.mkdir(this.local.directory, { recursive: true });
    await fs.promises.appendFile(localMetricsFile(this.local.directory, this.local.namespace), `${lines}\n`);
  }
}

/** Reads the store like GetMetricData: per-period statistics over the points whose dimensions match exactly. */
export class LocalMetricsSource implements MetricsSource {
  public constructor(private readonly directory: string) {}

  public async getMetricData(
    queries: readonly MetricQuery[],
    window: { start: Date; end: Date },
  ): Promise<MetricSeries[]> {
    const byNamespace = new Map<string, StoredPoint[]>();
    for (const namespace of new Set(queries.map((q) => q.namespace)))
      byNamespace.set(namespace, await this.read(namespace));
    return queries.map((query) => seriesFor(query, byNamespace.get(query.namespace) ?? [], window));
  }

  private async read(namespace: string): Promise<StoredPoint[]> {
    let text: string;
    try {
      text = await fs.promises.readFile(localMetricsFile(this.directory, namespace), 'utf8');
    } catch (error: unknown) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    return text
      .split('\n')
      .map(parseStoredPoint)
      .filter((p): p is StoredPoint => p !== undefined);
  }
}

function seriesFor(
  query: MetricQuery,
  points: readonly StoredPoint[],
  window: { start: Date; end: Date },
): MetricSeries {
  const periodMs = query.periodSeconds * 1000;
  const buckets = new Map<number, { sampleCount: number; sum: number; minimum: number; maximum: number }>();
  const wanted = JSON.stringify(Object.entries(query.dimensions).sort());
  for (const p of points) {
    const t = Date.parse(p.timestamp);
    if (p.name !== query.name || t < window.start.getTime() || t >= window.end.getTime()) continue;
    if (JSON.stringify(Object.entries(p.dimensions).sort()) !== wanted) continue;
    const bucket = Math.floor(t / periodMs) * periodMs;
    const b = buckets.get(bucket);
    if (b === undefined)
      buckets.set(bucket, { sampleCount: p.sampleCount, sum: p.sum, minimum: p.minimum, maximum: p.maximum });
    else {
      b.sampleCount += p.sampleCount;
      b.sum += p.sum;
      b.minimum = Math.min(b.minimum, p.minimum);
      b.maximum = Math.max(b.maximum, p.maximum);
    }
  }
  const timestamps = [...buckets.keys()].sort((a, b) => a - b);
  return {
    id: query.id,
    points: timestamps.map((t) => ({ timestamp: new Date(t), value: statisticOf(query.stat, buckets.get(t)!) })),
  };
}
