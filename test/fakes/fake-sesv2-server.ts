// A fake of SES v2's SendEmail (REST-JSON, POST /v2/email/outbound-emails): keeps each raw message, or rejects as SES does for an unverified sender.
import type * as http from 'node:http';
import { LoopbackHttpFake } from './loopback-http-fake';

export interface SesSentMessage {
  readonly from: string | undefined;
  readonly to: readonly string[];
  readonly raw: Buffer;
}

export class FakeSesV2Server extends LoopbackHttpFake {
  public readonly sent: SesSentMessage[] = [];
  /** Senders SES accepts (verified identities); any other gets MessageRejected. */
  public readonly verified = new Set<string>();

  protected respond(req: http.IncomingMessage, body: Buffer, res: http.ServerResponse): void {
    if (req.method !== 'POST' || req.url !== '/v2/email/outbound-emails') {
      res
        .writeHead(404, { 'content-type': 'application/json', 'x-amzn-errortype': 'NotFoundException' })
        .end('{"message":"not found"}');
      return;
    }
    const input = JSON.parse(body.toString('utf8')) as {
      FromEmailAddress?: string;
      Destination?: { ToAddresses?: string[] };
      Content?: { Raw?: { Data?: string } };
    };
    if (input.FromEmailAddress === undefined || !this.verified.has(input.FromEmailAddress)) {
      res.writeHead(400, { 'content-type': 'application/json', 'x-amzn-errortype': 'MessageRejected' }).end(
        JSON.stringify({
          message: `Email address is not verified. The following identities failed the check in region US-EAST-1: ${input.FromEmailAddress ?? ''}`,
        }),
      );
      return;
    }
    this.sent.push({
      from: input.FromEmailAddress,
      to: input.Destination?.ToAddresses ?? [],
      raw: Buffer.from(input.Content?.Raw?.Data ?? '', 'base64'),
    });
    res
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ MessageId: `fake-${this.sent.length}` }));
  }
}
