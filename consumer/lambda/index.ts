// The Lambda function's entry for Kinesis event source mappings: builds the consumer on the first invocation and reuses it.
import type { Context, KinesisStreamBatchResponse, KinesisStreamEvent } from 'aws-lambda';
import { createLambdaConsumer, type LambdaConsumer } from './lambda-consumer';

let consumer: Promise<LambdaConsumer> | undefined;

/**
 * The handler named in the function's configuration (`index.handler` in the bundle). Clients, sinks and the
 * analyzer live across invocations of one execution environment. A configuration error throws (the invocation fails
 * and the mapping retries it, with the ConfigError's list of problems in the function's log); nothing else does.
 */
export async function handler(event: KinesisStreamEvent, context: Context): Promise<KinesisStreamBatchResponse> {
  consumer ??= createLambdaConsumer(process.env).catch((error: unknown) => {
    consumer = undefined;
    throw error;
  });
  const ready = await consumer;
  return ready.handler.handle(event, { remainingTimeMs: () => context.getRemainingTimeInMillis() });
}
