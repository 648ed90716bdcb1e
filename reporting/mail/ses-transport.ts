// Amazon SES v2 delivery: SendEmail with the whole MIME message as Content.Raw (inline images and attachments need raw; 10 MB limit).
import { SendEmailCommand, type SESv2Client } from '@aws-sdk/client-sesv2';
import { describeError } from '../../common/errors';
import { isRetryable } from '../../common/is-retryable';
import { MailSendError } from '../reporting-errors';
import type { MailTransport, OutgoingMail } from './mail-transport';

export class SesTransport implements MailTransport {
  public readonly name = 'ses';

  public constructor(private readonly ses: SESv2Client) {}

  public async send(mail: OutgoingMail): Promise<string> {
    try {
      const result = await this.ses.send(
        new SendEmailCommand({
          FromEmailAddress: mail.from,
          Destination: { ToAddresses: [...mail.to] },
          Content: { Raw: { Data: mail.raw } },
        }),
      );
      return result.MessageId ?? '(no MessageId)';
    } catch (error: unknown) {
      // SES says why (MessageRejected: address not verified, sandbox, ...): keep its words, the SDK error carries no credentials.
      throw new MailSendError('ses', `SES rejected the message: ${describeError(error)}`, {
        cause: error,
        retryable: isRetryable(error),
      });
    }
  }

  public close(): Promise<void> {
    this.ses.destroy();
    return Promise.resolve();
  }
}
