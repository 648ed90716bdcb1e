// SMTP delivery through nodemailer's SMTP transport, sending our prebuilt raw MIME; the server URL may hold a password, so messages never show it.
import { createTransport, type Transporter } from 'nodemailer';
import { describeError } from '../../common/errors';
import { redactText } from '../../common/redact';
import { MailSendError } from '../reporting-errors';
import type { MailTransport, OutgoingMail } from './mail-transport';

export class SmtpTransport implements MailTransport {
  public readonly name = 'smtp';
  private readonly transporter: Transporter;

  /** `url`: smtp://user:pass@host:587 (STARTTLS when offered) or smtps://...:465; `timeoutMs` bounds connecting and each reply. */
  public constructor(url: string, timeoutMs = 20_000) {
    this.transporter = createTransport({
      url,
      connectionTimeout: timeoutMs,
      greetingTimeout: timeoutMs,
      socketTimeout: timeoutMs,
    } as Parameters<typeof createTransport>[0]);
  }

  public async send(mail: OutgoingMail): Promise<string> {
    try {
      const info = (await this.transporter.sendMail({
        envelope: { from: mail.from, to: [...mail.to] },
        raw: mail.raw,
      })) as { messageId?: string; response?: string };
      return info.response ?? info.messageId ?? '(accepted)';
    } catch (error: unknown) {
      throw new MailSendError('smtp', `SMTP delivery failed: ${redactText(describeError(error))}`, {
        cause: error,
        retryable: true,
      });
    }
  }

  public close(): Promise<void> {
    this.transporter.close();
    return Promise.resolve();
  }
}
