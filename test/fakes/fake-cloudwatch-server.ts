// A small in-process fake of CloudWatch's AWS JSON 1.0 protocol (what @aws-sdk/client-cloudwatch 3.11xx speaks) on 127.0.0.1.
import * as http from 'node:http';
import { gunzipSync } from 'node:zlib';
import { LoopbackHttpFake } from './loopback-http-fake';
import { fakeGetMetricData, type FakePoint } from './fake-cloudwatch-metric-data';

export interface RecordedRequest {
  readonly operation: string;
  readonly contentEncoding: string | undefined;
  readonly body: Record<string, unknown>;
}

const TARGET_PREFIX = 'GraniteServiceVersion20100801.';

/** Records every request, stores PutMetricData points for GetMetricData, and can be told to fail the next calls. */
export class FakeCloudWatchServer extends LoopbackHttpFake {
  public readonly requests: RecordedRequest[] = [];
  public readonly points: FakePoint[] = [];
  public readonly alarms = new Map<string, Record<string, unknown>>();
  public readonly dashboards = new Map<string, string>();
  /** Responds to the next N requests with this HTTP status and error type. */
  public failNext: { count: number; status: number; type: string } = {
    count: 0,
    status: 500,
    type: 'InternalServiceError',
  };
  /** GetMetricData returns at most this many data points per page, to exercise NextToken. */
  public pageSize = 100_800;
  public calls(operation: string): RecordedRequest[] {
    return this.requests.filter((r) => r.operation === operation);
  }

  protected override respond(req: http.IncomingMessage, payload: Buffer, res: http.ServerResponse): void {
    const target = String(req.headers['x-amz-target'] ?? '');
    const encoding = req.headers['content-encoding'] as string | undefined;
    let raw = payload;
    if (encoding === 'gzip') raw = gunzipSync(raw);
    if (!target.startsWith(TARGET_PREFIX) || req.headers['content-type'] !== 'application/x-amz-json-1.0') {
      return reply(res, 400, { __type: 'UnknownOperationException', message: `unexpected target ${target}` });
    }
    const operation = target.slice(TARGET_PREFIX.length);
    const body = JSON.parse(raw.toString('utf8') || '{}') as Record<string, unknown>;
    this.requests.push({ operation, contentEncoding: encoding, body });
    if (this.failNext.count > 0) {
      this.failNext.count -= 1;
      res.setHeader('x-amzn-query-error', `${this.failNext.type};Receiver`);
      return reply(res, this.failNext.status, { __type: this.failNext.type, message: 'injected failure' });
    }
    reply(res, 200, this.dispatch(operation, body));
  }

  private dispatch(operation: string, body: Record<string, unknown>): Record<string, unknown> {
    switch (operation) {
      case 'PutMetricData':
        this.storePoints(body);
        return {};
      case 'GetMetricData':
        return fakeGetMetricData(this.points, body, this.pageSize);
      case 'PutMetricAlarm':
        this.alarms.set(String(body.AlarmName), body);
        return {};
      case 'PutDashboard':
        this.dashboards.set(String(body.DashboardName), String(body.DashboardBody));
        return { DashboardValidationMessages: [] };
      default:
        return {};
    }
  }

  private storePoints(body: Record<string, unknown>): void {
    const namespace = String(body.Namespace);
    for (const d of (body.MetricData as Record<string, unknown>[] | undefined) ?? []) {
      const dims: Record<string, string> = {};
      for (const dim of (d.Dimensions as { Name: string; Value: string }[] | undefined) ?? [])
        dims[dim.Name] = dim.Value;
      const stats = d.StatisticValues as
        { SampleCount: number; Sum: number; Minimum: number; Maximum: number } | undefined;
      const value = d.Value as number | undefined;
      this.points.push({
        namespace,
        name: String(d.MetricName),
        dimensions: dims,
        timestampMs: (d.Timestamp as number) * 1000,
        sampleCount: stats?.SampleCount ?? 1,
        sum: stats?.Sum ?? value ?? 0,
        minimum: stats?.Minimum ?? value ?? 0,
        maximum: stats?.Maximum ?? value ?? 0,
      });
    }
  }
}

function reply(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/x-amz-json-1.0',
    'content-length': Buffer.byteLength(text),
    'x-amzn-requestid': 'fake',
  });
  res.end(text);
}
