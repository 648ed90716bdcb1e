// Publishes a burst alert to an SNS topic: a readable subject and text for e-mail/SMS subscribers, the alert as JSON in an attribute.
import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import { isRetryable } from '../../common/is-retryable';
import { NotifyError } from '../reporting-errors';
import type { AlertNotifier } from './alert-notifier';
import { alertSubject, alertText, type BurstAlert } from './burst-alert';

/** SNS caps a message at 256 KB; alerts are far smaller, but the text is cut rather than rejected. */
const MAX_MESSAGE_BYTES = 200_000;

export class SnsNotifier implements AlertNotifier {
  public readonly name = 'sns';

  public constructor(
    private readonly sns: SNSClient,
    private readonly topicArn: string,
  ) {}

  public async notify(alert: BurstAlert): Promise<void> {
    const text = alertText(alert);
    try {
      await this.sns.send(
        new PublishCommand({
          TopicArn: this.topicArn,
          Subject: alertSubject(alert),
          Message: Buffer.byteLength(text) > MAX_MESSAGE_BYTES ? text.slice(0, MAX_MESSAGE_BYTES / 4) : text,
          MessageAttributes: {
            kind: { DataType: 'String', StringValue: alert.kind },
            negativePosts: { DataType: 'Number', StringValue: String(alert.negativePosts) },
          },
        }),
      );
    } catch (error: unknown) {
      throw new NotifyError(`sns (${this.topicArn})`, { cause: error, retryable: isRetryable(error) });
    }
  }
}
