// Errors of the people-facing tools (dashboard, alerter, weekly report), under the project's ToolkitError base.
import { describeError, ToolkitError, type ToolkitErrorOptions } from '../common/errors';
import { redactText } from '../common/redact';

/** A command line that cannot run as typed (unknown flag, malformed week); exit code 2 in every CLI here. */
export class UsageError extends ToolkitError {
  public constructor(message: string) {
    super('USAGE', message);
  }
}

/** Reading the posts table failed; retryable when the database was briefly unreachable. */
export class PostsQueryError extends ToolkitError {
  public constructor(query: string, options: ToolkitErrorOptions) {
    super('POSTS_QUERY_FAILED', `posts query "${query}" failed: ${redactText(describeError(options.cause))}`, options);
  }
}

/** A notification could not be delivered (SNS rejected it or the alerts file could not be written). */
export class NotifyError extends ToolkitError {
  public constructor(channel: string, options: ToolkitErrorOptions) {
    super('NOTIFY_FAILED', `${channel} notification failed`, options);
  }
}

/** One webhook POST failed; the message never holds the webhook's URL (it is a credential). */
export class WebhookError extends ToolkitError {
  public constructor(message: string, options: ToolkitErrorOptions) {
    super('WEBHOOK_FAILED', `webhook ${message}`, options);
  }
}

/** The documented exit codes of `npm run dashboard|alert|report`. */
export const REPORTING_EXIT = Object.freeze({ ok: 0, error: 1, usage: 2, alerted: 3 });

/** A mail transport did not accept the report (SES rejection, SMTP unreachable, outbox not writable); the week stays unsent. */
export class MailSendError extends ToolkitError {
  public constructor(transport: string, message: string, options: ToolkitErrorOptions) {
    super('MAIL_SEND_FAILED', message, options);
    this.transport = transport;
  }

  public readonly transport: string;
}
