// HTTP routes of the checkpoint monitor's view, for a server that hosts it (the dashboard): /checkpoints (page) and /api/checkpoints (JSON).
import type * as http from 'node:http';
import { describeError } from '../../common/errors';
import type { Logger } from '../../common/logger';
import { renderCheckpointPage } from './checkpoint-page';
import type { CheckpointView } from './checkpoint-view';

/** Handles the request and returns true when the path is one of the view's; false leaves it to the host. */
export function routeCheckpoints(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  view: CheckpointView,
  refreshSeconds: number,
  logger: Logger,
): boolean {
  const pathname = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
  if (pathname !== '/checkpoints' && pathname !== '/api/checkpoints') return false;
  view.report().then(
    (report) => {
      if (pathname === '/api/checkpoints') send(res, 200, 'application/json', `${JSON.stringify(report, null, 1)}\n`);
      else {
        res.setHeader('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'");
        send(res, 200, 'text/html; charset=utf-8', renderCheckpointPage(report, refreshSeconds));
      }
    },
    (error: unknown) => {
      logger.warn('checkpoint observation failed', { error: describeError(error) });
      send(
        res,
        503,
        'application/json',
        `${JSON.stringify({ error: 'lease table or stream unavailable, see the dashboard log' })}\n`,
      );
    },
  );
  return true;
}

function send(res: http.ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
  res.end(body);
}
