// The on-failure queue as redrive uses it: receive a few messages, delete one once its records are durable (SQS in production).
import { DeleteMessageCommand, ReceiveMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';

export interface FailureMessage {
  readonly messageId: string;
  readonly receiptHandle: string;
  readonly body: string;
}

export interface FailureQueue {
  /** Up to `max` messages (at most 10 a call, SQS's limit); an empty list when the queue looks empty. */
  receive(max: number): Promise<FailureMessage[]>;
  delete(message: FailureMessage): Promise<void>;
}

/**
 * SQS ReceiveMessage (short wait) / DeleteMessage. A received message stays invisible for the visibility timeout: a
 * run that fails before deleting it leaves it to come back for the next run (SQS Developer Guide, "Amazon SQS
 * visibility timeout"), so `visibilityTimeoutSeconds` must cover reading and loading one batch.
 */
export class SqsFailureQueue implements FailureQueue {
  public constructor(
    private readonly sqs: SQSClient,
    private readonly queueUrl: string,
    private readonly visibilityTimeoutSeconds = 300,
  ) {}

  public async receive(max: number): Promise<FailureMessage[]> {
    const out = await this.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: this.queueUrl,
        MaxNumberOfMessages: Math.min(10, Math.max(1, max)),
        WaitTimeSeconds: 1,
        VisibilityTimeout: this.visibilityTimeoutSeconds,
      }),
    );
    return (out.Messages ?? []).flatMap((m) =>
      m.MessageId === undefined || m.ReceiptHandle === undefined
        ? []
        : [{ messageId: m.MessageId, receiptHandle: m.ReceiptHandle, body: m.Body ?? '' }],
    );
  }

  public async delete(message: FailureMessage): Promise<void> {
    await this.sqs.send(new DeleteMessageCommand({ QueueUrl: this.queueUrl, ReceiptHandle: message.receiptHandle }));
  }
}
