// MetricsSource adapter for CloudWatch GetMetricData: at most 500 queries a call, every page followed, points in ascending order.
import { GetMetricDataCommand, type CloudWatchClient, type MetricDataQuery } from '@aws-sdk/client-cloudwatch';
import type { MetricPoint, MetricQuery, MetricSeries, MetricsSource } from './metrics-source';

export const GET_METRIC_DATA_MAX_QUERIES = 500;

export class CloudWatchMetricsSource implements MetricsSource {
  public constructor(private readonly client: CloudWatchClient) {}

  public async getMetricData(
    queries: readonly MetricQuery[],
    window: { start: Date; end: Date },
  ): Promise<MetricSeries[]> {
    const points = new Map<string, MetricPoint[]>(queries.map((q) => [q.id, []]));
    for (let i = 0; i < queries.length; i += GET_METRIC_DATA_MAX_QUERIES) {
      const chunk = queries.slice(i, i + GET_METRIC_DATA_MAX_QUERIES).map(toQuery);
      let nextToken: string | undefined;
      do {
        const out = await this.client.send(
          new GetMetricDataCommand({
            MetricDataQueries: chunk,
            StartTime: window.start,
            EndTime: window.end,
            ScanBy: 'TimestampAscending',
            NextToken: nextToken,
          }),
        );
        for (const result of out.MetricDataResults ?? []) {
          const list = points.get(result.Id ?? '');
          if (list === undefined) continue;
          const ts = result.Timestamps ?? [];
          const vs = result.Values ?? [];
          for (let k = 0; k < Math.min(ts.length, vs.length); k += 1)
            list.push({ timestamp: ts[k] as Date, value: vs[k] as number });
        }
        nextToken = out.NextToken;
      } while (nextToken !== undefined && nextToken !== '');
    }
    return queries.map((q) => ({
      id: q.id,
      points: (points.get(q.id) ?? []).sort((a, b) => a.timestamp.getTime() - b.timestamp.getTime()),
    }));
  }
}

function toQuery(q: MetricQuery): MetricDataQuery {
  return {
    Id: q.id,
    ReturnData: true,
    MetricStat: {
      Metric: {
        Namespace: q.namespace,
        MetricName: q.name,
        Dimensions: Object.entries(q.dimensions).map(([Name, Value]) => ({ Name, Value })),
      },
      Period: q.periodSeconds,
      Stat: q.stat,
      ...(q.unit === undefined ? {} : { Unit: q.unit }),
    },
  };
}
