// The dashboard's HTTP server: the page, its assets, the JSON/CSV/SSE API of a view, /chart.svg and /healthz; Host allow-list.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describeError } from '../../common/errors';
import type { Logger } from '../../common/logger';
import type { CheckpointView } from '../../operator/monitor/checkpoint-view';
import { routeCheckpoints } from '../../operator/monitor/checkpoint-routes';
import type { RequestGate } from './alb-auth';
import { LOCALES, negotiateLocale, type Locale } from '../i18n/locale';
import { bucketsCsv, csvLine, POSTS_CSV_HEADER, postCsvLine } from './csv-export';
import { BadParameterError } from './dashboard-errors';
import { renderDashboardPage } from './dashboard-page';
import { decodeCursor, type DashboardViews } from './dashboard-views';
import { hostAllowed } from './host-guard';
import type { LiveEvents } from './live-events';
import { renderMinuteChart } from './minute-chart-svg';
import { staticAssets } from './static-assets';
import { parseView, type DashboardView } from './view-params';

export interface DashboardServerOptions {
  readonly port: number;
  /** Address to listen on (default 127.0.0.1). */
  readonly listenHost?: string;
  readonly defaultMinutes: number;
  readonly refreshSeconds: number;
  /** IANA zone every time is shown in (default UTC). */
  readonly timeZone?: string;
  /** Runs first on every request but /healthz (DASHBOARD_AUTH=alb: the load balancer's signed token; alb-auth.ts). */
  readonly gate?: RequestGate;
  /** Host names served (DASHBOARD_ALLOWED_HOSTS); any other Host gets 421. /healthz answers any Host. */
  readonly allowedHosts: readonly string[];
  /** The page's language when neither ?locale= nor Accept-Language picks one (REPORTING_LOCALE). */
  readonly defaultLocale: Locale;
  /** Rows at most in one posts export. */
  readonly exportMaxRows: number;
}

export interface RunningDashboard {
  readonly url: string;
  close(): Promise<void>;
}

export interface DashboardParts {
  readonly views: DashboardViews;
  readonly live: LiveEvents;
  /** The checkpoint monitor's live view, served at /checkpoints and /api/checkpoints. */
  readonly checkpoints?: CheckpointView;
  /** The clock relative views are read against (tests drive it). */
  readonly now?: () => number;
}

const SECURITY_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Content-Security-Policy':
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; connect-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
};

export async function startDashboardServer(
  parts: DashboardParts,
  options: DashboardServerOptions,
  logger: Logger,
): Promise<RunningDashboard> {
  const server = http.createServer((req, res) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
    const pathname = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    // A load balancer's health check and `npm start` ask by address: /healthz never reads the warehouse and answers any Host.
    if (pathname === '/healthz') return send(res, 200, 'application/json', '{"ok":true}\n');
    if (!hostAllowed(req.headers.host, options.allowedHosts))
      return send(
        res,
        421,
        'text/plain; charset=utf-8',
        'misdirected request: this host name is not served (DASHBOARD_ALLOWED_HOSTS)\n',
      );
    void admitted(req, res, options.gate, handle);
  });
  const handle = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    if (req.method !== 'GET') return send(res, 405, 'text/plain', 'only GET\n');
    if (
      parts.checkpoints !== undefined &&
      routeCheckpoints(req, res, parts.checkpoints, options.refreshSeconds, logger)
    )
      return;
    void route(req, res, parts, options, logger);
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
        parts.live.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function pageLocale(req: http.IncomingMessage, url: URL, fallback: Locale): Locale {
  const asked = url.searchParams.get('locale');
  if (asked !== null && asked !== '') {
    if (!(LOCALES as readonly string[]).includes(asked))
      throw new BadParameterError('locale', `must be one of ${LOCALES.join(', ')}`);
    return asked as Locale;
  }
  return negotiateLocale(req.headers['accept-language'], fallback);
}

function limitOf(url: URL): number {
  const text = url.searchParams.get('limit');
  if (text === null || text === '') return 50;
  const limit = Number(text);
  if (!/^\d+$/.test(text) || limit < 1 || limit > 500)
    throw new BadParameterError('limit', 'must be an integer from 1 to 500');
  return limit;
}

function cursorOf(url: URL): ReturnType<typeof decodeCursor> {
  const text = url.searchParams.get('cursor');
  if (text === null || text === '') return undefined;
  const cursor = decodeCursor(text);
  if (cursor === undefined)
    throw new BadParameterError('cursor', 'is not a cursor this dashboard gave (take nextCursor from /api/posts)');
  return cursor;
}

async function route(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  parts: DashboardParts,
  options: DashboardServerOptions,
  logger: Logger,
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const timeZone = options.timeZone ?? 'UTC';
  const viewAt = (): DashboardView =>
    parseView(url.searchParams, (parts.now ?? Date.now)(), { timeZone, defaultMinutes: options.defaultMinutes });
  try {
    const asset = staticAssets().get(url.pathname);
    if (asset !== undefined) {
      res.setHeader('Cache-Control', 'public, max-age=3600');
      return send(res, 200, asset.type, asset.body);
    }
    switch (url.pathname) {
      case '/': {
        viewAt(); // a bad parameter is a 400 here too, not a page that fails later
        const locale = pageLocale(req, url, options.defaultLocale);
        res.setHeader('Content-Language', locale);
        res.setHeader('Vary', 'Accept-Language');
        return send(
          res,
          200,
          'text/html; charset=utf-8',
          renderDashboardPage({
            locale,
            timeZone,
            refreshSeconds: options.refreshSeconds,
            signOut: options.gate !== undefined,
          }),
        );
      }
      case '/api/summary':
        return sendJson(res, await parts.views.summary(viewAt()));
      case '/api/posts':
        return sendJson(res, await parts.views.posts(viewAt(), limitOf(url), cursorOf(url)));
      case '/api/terms':
        return sendJson(res, await parts.views.terms(viewAt()));
      case '/api/export.csv':
        return await exportCsv(res, parts.views, viewAt(), url, options.exportMaxRows);
      case '/api/events': {
        const view = viewAt();
        return parts.live.subscribe(view.key, res, viewAt);
      }
      case '/chart.svg':
        return send(res, 200, 'image/svg+xml', renderMinuteChart(await parts.views.summary(viewAt()), timeZone));
      default:
        return send(res, 404, 'text/plain', 'not found\n');
    }
  } catch (error: unknown) {
    if (error instanceof BadParameterError)
      return send(
        res,
        400,
        'application/json',
        `${JSON.stringify({ error: error.message, parameter: error.parameter })}\n`,
      );
    logger.warn('dashboard query failed', { path: url.pathname, error: describeError(error) });
    if (res.headersSent) return void res.end();
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

/** The posts of the view as CSV, page by page (at most `maxRows`), or with part=buckets the chart's buckets. */
async function exportCsv(
  res: http.ServerResponse,
  views: DashboardViews,
  view: DashboardView,
  url: URL,
  maxRows: number,
): Promise<void> {
  const part = url.searchParams.get('part') ?? 'posts';
  if (part !== 'posts' && part !== 'buckets') throw new BadParameterError('part', 'must be posts or buckets');
  const stamp = new Date(view.selection.fromMs).toISOString().slice(0, 16).replace(/:/g, '');
  const headers = (name: string) => ({
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': `attachment; filename="${name}-${stamp}.csv"`,
  });
  if (part === 'buckets') {
    const body = bucketsCsv(await views.summary(view));
    res.writeHead(200, headers('buckets'));
    return void res.end(body);
  }
  res.writeHead(200, headers('posts'));
  res.write(csvLine(POSTS_CSV_HEADER));
  let rows = 0;
  for await (const page of views.allPosts(view, 1_000)) {
    for (const post of page.posts) {
      if (rows >= maxRows) return void res.end();
      res.write(postCsvLine(post));
      rows += 1;
    }
  }
  res.end();
}

/** Shared answers are the same object for every page that asks: each is serialised once. */
const serialised = new WeakMap<object, string>();

function sendJson(res: http.ServerResponse, value: object): void {
  let body = serialised.get(value);
  if (body === undefined) {
    body = `${JSON.stringify(value)}\n`;
    serialised.set(value, body);
  }
  send(res, 200, 'application/json', body);
}

function send(res: http.ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, {
    'Content-Type': type,
    ...(res.hasHeader('Cache-Control') ? {} : { 'Cache-Control': 'no-store' }),
  });
  res.end(body);
}
