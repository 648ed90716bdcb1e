// Publishes an alert to an SNS topic: a readable subject and text for e-mail/SMS subscribers, the alert's kind and count as attributes.
import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import { isRetryable } from '../../common/is-retryable';
import { isProgrammerError } from '../../common/retry';
import { NotifyError } from '../reporting-errors';
import type { AlertNotifier } from './alert-notifier';
import type { AlertRenderer } from './alert-messages';
import { alertSubject, alertText } from './alert-text';
import type { NegativeAlert } from './burst-alert';
import { cutUtf8Bytes } from './cut-text';

/** SNS caps a message at 256 KB (Publish API reference); alerts are far smaller, but the text is cut rather than rejected. */
const MAX_MESSAGE_BYTES = 200_000;

/**
 * Publish errors that no later attempt can fix (SNS Publish API reference, "Errors"): the request or the topic is
 * wrong. Every other failure of a well-formed message (throttling, KMS throttling or a key briefly unavailable, 5xx,
 * a dropped connection, an error the SDK could not even name) is retried.
 */
const PERMANENT = new Set([
  'InvalidParameterException',
  'InvalidParameterValueException',
  'ValidationException',
  'NotFoundException',
  'AuthorizationErrorException',
  'InvalidSecurityException',
  'EndpointDisabledException',
  'PlatformApplicationDisabledException',
]);

/** Whether a failed Publish of a well-formed message may succeed later (issue 25 item 8). */
export function isRetryablePublishError(error: unknown): boolean {
  if (isRetryable(error)) return true;
  // Our own bug (a URIError from encoding a malformed string included): retrying repeats it.
  if (isProgrammerError(error) || error instanceof URIError) return false;
  const name = (error as { name?: unknown } | null)?.name;
  return !(typeof name === 'string' && PERMANENT.has(name));
}

export class SnsNotifier implements AlertNotifier {
  public readonly name = 'sns';

  public constructor(
    private readonly sns: SNSClient,
    private readonly topicArn: string,
    private readonly render: AlertRenderer,
  ) {}

  public async notify(alert: NegativeAlert): Promise<void> {
    const message = this.render(alert);
    try {
      await this.sns.send(
        new PublishCommand({
          TopicArn: this.topicArn,
          Subject: alertSubject(message),
          // Well-formed and cut between grapheme clusters: the query protocol's encoder throws on a lone surrogate.
          Message: cutUtf8Bytes(alertText(message), MAX_MESSAGE_BYTES),
          MessageAttributes: {
            kind: { DataType: 'String', StringValue: alert.kind },
            negativePosts: { DataType: 'Number', StringValue: String(alert.negativePosts) },
          },
        }),
      );
    } catch (error: unknown) {
      throw new NotifyError(`sns (${this.topicArn})`, { cause: error, retryable: isRetryablePublishError(error) });
    }
  }
}
