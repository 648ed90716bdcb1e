// A small in-process fake of SQS's AWS JSON 1.0 protocol (what @aws-sdk/client-sqs 3.11xx speaks): one queue, ReceiveMessage with visibility, DeleteMessage, on 127.0.0.1.
import * as crypto from 'node:crypto';
import type * as http from 'node:http';
import { LoopbackHttpFake } from './loopback-http-fake';

interface StoredMessage {
  readonly messageId: string;
  readonly body: string;
  receiptHandle: string | undefined;
  invisibleUntil: number;
}

/** Holds the messages of queues by URL; a received message is invisible for its VisibilityTimeout, deleted by its receipt handle. */
export class FakeSqsServer extends LoopbackHttpFake {
  public readonly requests: string[] = [];
  private readonly queues = new Map<string, StoredMessage[]>();

  public queueUrl(name: string): string {
    return `${this.endpoint}/000000000000/${name}`;
  }

  public send(queueUrl: string, body: string): void {
    const list = this.queues.get(queueUrl) ?? [];
    list.push({ messageId: crypto.randomUUID(), body, receiptHandle: undefined, invisibleUntil: 0 });
    this.queues.set(queueUrl, list);
  }

  /** Messages still in the queue (visible or not). */
  public remaining(queueUrl: string): string[] {
    return (this.queues.get(queueUrl) ?? []).map((m) => m.body);
  }

  /** Makes every in-flight message visible again (its visibility timeout passed). */
  public expireVisibility(): void {
    for (const list of this.queues.values()) for (const m of list) m.invisibleUntil = 0;
  }

  protected override respond(req: http.IncomingMessage, payload: Buffer, res: http.ServerResponse): void {
    const target = String(req.headers['x-amz-target'] ?? '');
    const action = target.replace(/^AmazonSQS\./, '');
    this.requests.push(action);
    let input: Record<string, unknown>;
    try {
      input = JSON.parse(payload.toString('utf8') || '{}') as Record<string, unknown>;
    } catch {
      return reply(res, 400, { __type: 'com.amazonaws.sqs#InvalidParameterValue', message: 'not JSON' });
    }
    const list = this.queues.get(String(input.QueueUrl));
    if (list === undefined)
      return reply(res, 400, { __type: 'com.amazonaws.sqs#QueueDoesNotExist', message: 'no such queue' });
    if (action === 'ReceiveMessage') {
      const now = Date.now();
      const max = Number(input.MaxNumberOfMessages ?? 1);
      const visibility = Number(input.VisibilityTimeout ?? 30) * 1000;
      const picked = list.filter((m) => m.invisibleUntil <= now).slice(0, max);
      for (const m of picked) {
        m.receiptHandle = crypto.randomUUID();
        m.invisibleUntil = now + visibility;
      }
      return reply(res, 200, {
        Messages: picked.map((m) => ({
          MessageId: m.messageId,
          ReceiptHandle: m.receiptHandle,
          Body: m.body,
          MD5OfBody: crypto.createHash('md5').update(m.body).digest('hex'),
        })),
      });
    }
    if (action === 'DeleteMessage') {
      const at = list.findIndex((m) => m.receiptHandle !== undefined && m.receiptHandle === input.ReceiptHandle);
      if (at < 0)
        return reply(res, 400, {
          __type: 'com.amazonaws.sqs#ReceiptHandleIsInvalid',
          message: 'unknown receipt handle',
        });
      list.splice(at, 1);
      return reply(res, 200, {});
    }
    return reply(res, 400, { __type: 'com.amazonaws.sqs#UnsupportedOperation', message: `unsupported ${action}` });
  }
}

function reply(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/x-amz-json-1.0' });
  res.end(JSON.stringify(body));
}
