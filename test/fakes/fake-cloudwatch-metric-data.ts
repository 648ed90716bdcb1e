// GetMetricData for the fake CloudWatch: per-period statistics over stored points, ascending, paged with NextToken.

export interface FakePoint {
  readonly namespace: string;
  readonly name: string;
  readonly dimensions: Readonly<Record<string, string>>;
  readonly timestampMs: number;
  readonly sampleCount: number;
  readonly sum: number;
  readonly minimum: number;
  readonly maximum: number;
}

interface Query {
  Id: string;
  MetricStat: {
    Metric: { Namespace: string; MetricName: string; Dimensions?: { Name: string; Value: string }[] };
    Period: number;
    Stat: string;
  };
}

/** Builds every result in full, then hands out `pageSize` data points per call; the token is the offset. */
export function fakeGetMetricData(
  points: readonly FakePoint[],
  body: Record<string, unknown>,
  pageSize: number,
): Record<string, unknown> {
  const start = (body.StartTime as number) * 1000;
  const end = (body.EndTime as number) * 1000;
  const results = (body.MetricDataQueries as Query[]).map((q) => ({ id: q.Id, rows: rowsFor(points, q, start, end) }));
  const flat = results.flatMap((r) => r.rows.map((row) => ({ id: r.id, ...row })));
  const offset = typeof body.NextToken === 'string' ? Number(body.NextToken) : 0;
  const page = flat.slice(offset, offset + pageSize);
  const next = offset + pageSize < flat.length ? String(offset + pageSize) : undefined;
  return {
    MetricDataResults: results.map((r) => {
      const mine = page.filter((p) => p.id === r.id);
      return {
        Id: r.id,
        Label: r.id,
        StatusCode: next === undefined ? 'Complete' : 'PartialData',
        Timestamps: mine.map((p) => p.t / 1000),
        Values: mine.map((p) => p.v),
      };
    }),
    ...(next === undefined ? {} : { NextToken: next }),
  };
}

function rowsFor(points: readonly FakePoint[], q: Query, start: number, end: number): { t: number; v: number }[] {
  const periodMs = q.MetricStat.Period * 1000;
  const wanted = JSON.stringify((q.MetricStat.Metric.Dimensions ?? []).map((d) => [d.Name, d.Value]).sort());
  const buckets = new Map<number, { n: number; sum: number; min: number; max: number }>();
  for (const p of points) {
    if (p.namespace !== q.MetricStat.Metric.Namespace || p.name !== q.MetricStat.Metric.MetricName) continue;
    if (p.timestampMs < start || p.timestampMs >= end || JSON.stringify(Object.entries(p.dimensions).sort()) !== wanted)
      continue;
    const key = Math.floor(p.timestampMs / periodMs) * periodMs;
    const b = buckets.get(key) ?? { n: 0, sum: 0, min: Infinity, max: -Infinity };
    buckets.set(key, {
      n: b.n + p.sampleCount,
      sum: b.sum + p.sum,
      min: Math.min(b.min, p.minimum),
      max: Math.max(b.max, p.maximum),
    });
  }
  return [...buckets.entries()].sort((a, b) => a[0] - b[0]).map(([t, b]) => ({ t, v: stat(q.MetricStat.Stat, b) }));
}

function stat(name: string, b: { n: number; sum: number; min: number; max: number }): number {
  if (name === 'Sum') return b.sum;
  if (name === 'Maximum') return b.max;
  if (name === 'Minimum') return b.min;
  if (name === 'SampleCount') return b.n;
  return b.sum / b.n;
}
