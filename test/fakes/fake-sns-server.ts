// A small in-process fake of SNS's AWS Query protocol (form-encoded requests, XML responses; what @aws-sdk/client-sns 3.11xx speaks) on 127.0.0.1.
import * as crypto from 'node:crypto';
import * as http from 'node:http';
import { LoopbackHttpFake } from './loopback-http-fake';

export interface PublishedMessage {
  readonly topicArn: string;
  readonly subject: string | undefined;
  readonly message: string;
  /** MessageAttributes.entry.N.{Name, Value.DataType, Value.StringValue}, decoded. */
  readonly attributes: Readonly<Record<string, { dataType: string; value: string }>>;
  readonly messageId: string;
}

const XMLNS = 'http://sns.amazonaws.com/doc/2010-03-31/';

/** Knows a set of topics, stores what Publish received, and can be told to fail the next calls. */
export class FakeSnsServer extends LoopbackHttpFake {
  public readonly published: PublishedMessage[] = [];
  public readonly requests: { action: string; contentType: string | undefined }[] = [];
  public readonly topics = new Set<string>();
  /** Responds to the next N requests with this HTTP status and error code (Throttling: 400, InternalError: 500). */
  public failNext: { count: number; status: number; code: string } = { count: 0, status: 500, code: 'InternalError' };

  protected override respond(req: http.IncomingMessage, payload: Buffer, res: http.ServerResponse): void {
    const params = new URLSearchParams(payload.toString('utf8'));
    const action = params.get('Action') ?? '';
    this.requests.push({ action, contentType: req.headers['content-type'] });
    if (this.failNext.count > 0) {
      this.failNext.count -= 1;
      return error(res, this.failNext.status, this.failNext.code, 'injected failure');
    }
    if (req.method !== 'POST' || params.get('Version') !== '2010-03-31')
      return error(res, 400, 'InvalidAction', 'expected a POST of Version 2010-03-31');
    if (action !== 'Publish') return error(res, 400, 'InvalidAction', `unsupported action ${action}`);
    const topicArn = params.get('TopicArn') ?? '';
    if (!this.topics.has(topicArn)) return error(res, 404, 'NotFound', 'Topic does not exist');
    const message = params.get('Message');
    if (message === null || message === '') return error(res, 400, 'InvalidParameter', 'Empty message');
    const messageId = crypto.randomUUID();
    this.published.push({
      topicArn,
      subject: params.get('Subject') ?? undefined,
      message,
      attributes: attributesOf(params),
      messageId,
    });
    reply(
      res,
      200,
      `<PublishResponse xmlns="${XMLNS}"><PublishResult><MessageId>${messageId}</MessageId></PublishResult><ResponseMetadata><RequestId>${crypto.randomUUID()}</RequestId></ResponseMetadata></PublishResponse>`,
    );
  }
}

function attributesOf(params: URLSearchParams): Record<string, { dataType: string; value: string }> {
  const out: Record<string, { dataType: string; value: string }> = {};
  for (let i = 1; params.has(`MessageAttributes.entry.${i}.Name`); i += 1) {
    const prefix = `MessageAttributes.entry.${i}`;
    out[params.get(`${prefix}.Name`)!] = {
      dataType: params.get(`${prefix}.Value.DataType`) ?? '',
      value: params.get(`${prefix}.Value.StringValue`) ?? '',
    };
  }
  return out;
}

function error(res: http.ServerResponse, status: number, code: string, message: string): void {
  const type = status >= 500 ? 'Receiver' : 'Sender';
  reply(
    res,
    status,
    `<ErrorResponse xmlns="${XMLNS}"><Error><Type>${type}</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>${crypto.randomUUID()}</RequestId></ErrorResponse>`,
  );
}

function reply(res: http.ServerResponse, status: number, xml: string): void {
  res.writeHead(status, { 'Content-Type': 'text/xml', 'x-amzn-RequestId': crypto.randomUUID() });
  res.end(xml);
}
