// Deregisters an application's enhanced fan-out consumer (the KCL registers it under the application name) when the application is retired.
import {
  DeregisterStreamConsumerCommand,
  DescribeStreamSummaryCommand,
  type KinesisClient,
} from '@aws-sdk/client-kinesis';

export type DeregisterOutcome = 'deregistered' | 'already-deregistering' | 'absent';

/**
 * DeregisterStreamConsumer by stream ARN and consumer name (Kinesis API Reference). The KCL's FANOUT retrieval
 * registers the consumer under the application name and reuses it on every restart (FanOutConsumerRegistration), so
 * a consumer outlives its workers: each registered consumer is billed per shard-hour until it is deregistered.
 * Returns `absent` when the stream or the consumer does not exist, `already-deregistering` when it is no longer ACTIVE
 * (Kinesis answers ResourceInUseException while a consumer is DELETING); other errors propagate.
 */
export async function deregisterStreamConsumer(
  kinesis: KinesisClient,
  streamName: string,
  consumerName: string,
): Promise<DeregisterOutcome> {
  try {
    const summary = await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: streamName }));
    await kinesis.send(
      new DeregisterStreamConsumerCommand({
        StreamARN: summary.StreamDescriptionSummary?.StreamARN,
        ConsumerName: consumerName,
      }),
    );
    return 'deregistered';
  } catch (error: unknown) {
    const name = (error as { name?: string }).name;
    if (name === 'ResourceNotFoundException') return 'absent';
    if (name === 'ResourceInUseException') return 'already-deregistering';
    throw error;
  }
}
