// The dashboard's HTTP server on 127.0.0.1: the page, /api/summary (JSON for automation), /chart.svg and /healthz.
import * as crypto from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describeError } from '../../common/errors';
import type { Logger } from '../../common/logger';
import type { DashboardData } from './dashboard-data';
import { renderDashboardPage } from './dashboard-page';
import { renderMinuteChart } from './minute-chart-svg';
import type { CheckpointView } from '../../operator/monitor/checkpoint-view';
import { routeCheckpoints } from '../../operator/monitor/checkpoint-routes';
import type { RequestGate } from './alb-auth';

export interface DashboardServerOptions {
  readonly port: number;
  readonly defaultMinutes: number;
  readonly maxMinutes: number;
  readonly refreshSeconds: number;
  /** IANA zone the page and chart show times in (default UTC). */
  readonly timeZone?: string;
  /** Address to listen on (default 127.0.0.1; a container behind a load balancer listens on 0.0.0.0). */
  readonly listenHost?: string;
  /** Runs first on every request (DASHBOARD_AUTH=alb: the load balancer's signed token; alb-auth.ts). */
  readonly gate?: RequestGate;
}

export interface RunningDashboard {
  readonly url: string;
  close(): Promise<void>;
}

/** `checkpoints`: the checkpoint monitor's live view, served at /checkpoints and /api/checkpoints. */
export async function startDashboardServer(
  data: DashboardData,
  options: DashboardServerOptions,
  logger: Logger,
  checkpoints?: CheckpointView,
): Promise<RunningDashboard> {
  const server = http.createServer((req, res) => void admitted(req, res, options.gate, handle));
  const handle = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    if (
      checkpoints !== undefined &&
      req.method === 'GET' &&
      routeCheckpoints(req, res, checkpoints, options.refreshSeconds, logger)
    )
      return;
    void route(req, res, data, options, logger);
  };
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.listenHost ?? '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function route(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  data: DashboardData,
  options: DashboardServerOptions,
  logger: Logger,
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  if (req.method !== 'GET') return send(res, 405, 'text/plain', 'only GET\n');
  const minutes = parseMinutes(url.searchParams.get('minutes'), options);
  if (minutes === undefined)
    return send(
      res,
      400,
      'application/json',
      `${JSON.stringify({ error: `minutes must be an integer from 1 to ${options.maxMinutes}` })}\n`,
    );
  try {
    switch (url.pathname) {
      case '/': {
        const nonce = crypto.randomBytes(16).toString('base64');
        res.setHeader(
          'Content-Security-Policy',
          `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'unsafe-inline'; connect-src 'self'; img-src 'self'`,
        );
        return send(
          res,
          200,
          'text/html; charset=utf-8',
          renderDashboardPage({
            minutes,
            refreshSeconds: options.refreshSeconds,
            nonce,
            timeZone: options.timeZone ?? 'UTC',
          }),
        );
      }
      case '/api/summary':
        return send(res, 200, 'application/json', `${JSON.stringify(await data.summary(minutes), null, 1)}\n`);
      case '/chart.svg':
        return send(
          res,
          200,
          'image/svg+xml',
          renderMinuteChart(await data.summary(minutes), options.timeZone ?? 'UTC'),
        );
      case '/healthz':
        return send(res, 200, 'application/json', '{"ok":true}\n');
      default:
        return send(res, 404, 'text/plain', 'not found\n');
    }
  } catch (error: unknown) {
    logger.warn('dashboard query failed', { path: url.pathname, error: describeError(error) });
    return send(
      res,
      503,
      'application/json',
      `${JSON.stringify({ error: 'posts table unavailable, see the dashboard log' })}\n`,
    );
  }
}

/** Hands the request on when there is no gate or the gate admits it (the gate answers refused requests itself). */
async function admitted(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  gate: RequestGate | undefined,
  next: (req: http.IncomingMessage, res: http.ServerResponse) => void,
): Promise<void> {
  if (gate === undefined || (await gate(req, res))) next(req, res);
}

function parseMinutes(text: string | null, options: DashboardServerOptions): number | undefined {
  if (text === null) return options.defaultMinutes;
  const value = Number(text);
  return /^\d+$/.test(text) && value >= 1 && value <= options.maxMinutes ? value : undefined;
}

function send(res: http.ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
  res.end(body);
}
