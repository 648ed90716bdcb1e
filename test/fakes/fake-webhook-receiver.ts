// A chat incoming-webhook stand-in on 127.0.0.1 (Slack's or Teams' side): records each POST, can fail the next ones or redirect.
import type * as http from 'node:http';
import { LoopbackHttpFake } from './loopback-http-fake';

export interface ReceivedWebhook {
  readonly method: string;
  readonly path: string;
  readonly contentType: string | undefined;
  readonly body: string;
}

export class FakeWebhookReceiver extends LoopbackHttpFake {
  public readonly received: ReceivedWebhook[] = [];
  /** Answers the next `count` requests with `status` and `body` (a 3xx also gets a Location header). */
  public failNext: { count: number; status: number; body: string } = { count: 0, status: 503, body: '' };
  /** What a successful POST gets (Slack: 200 "ok"; Teams Workflows: 202). */
  public okStatus = 200;

  protected override respond(req: http.IncomingMessage, body: Buffer, res: http.ServerResponse): void {
    this.received.push({
      method: req.method ?? '',
      path: req.url ?? '',
      contentType: req.headers['content-type'],
      body: body.toString('utf8'),
    });
    if (this.failNext.count > 0) {
      this.failNext.count -= 1;
      const headers = this.failNext.status >= 300 && this.failNext.status < 400 ? { location: '/elsewhere' } : {};
      res.writeHead(this.failNext.status, { 'content-type': 'text/plain', ...headers });
      res.end(this.failNext.body);
      return;
    }
    res.writeHead(this.okStatus, { 'content-type': 'text/plain' });
    res.end(this.okStatus === 200 ? 'ok' : '');
  }
}
