// SMTP delivery through nodemailer's SMTP transport, sending our prebuilt raw MIME; given host, port and credentials as fields (never a URL), and messages never show the password.
import { createTransport, type Transporter } from 'nodemailer';
import { describeError } from '../../common/errors';
import { redactText } from '../../common/redact';
import { MailSendError } from '../reporting-errors';
import type { MailTransport, OutgoingMail } from './mail-transport';
import type { SmtpSettings } from './smtp-settings';

export class SmtpTransport implements MailTransport {
  public readonly name = 'smtp';
  private readonly transporter: Transporter;

  /** STARTTLS when offered (or TLS from the start with `secure`); `timeoutMs` bounds connecting and each reply. */
  public constructor(settings: SmtpSettings, timeoutMs = 20_000) {
    // Fields, not a URL: nodemailer hands URLs it cannot read to url.parse(), whose deprecation warning quotes them.
    this.transporter = createTransport({
      host: settings.host,
      port: settings.port,
      secure: settings.secure,
      ...(settings.auth === undefined ? {} : { auth: { user: settings.auth.user, pass: settings.auth.pass } }),
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
