// Starts kinesis-local and dynalite (the project's launchers) on free loopback ports for the operator tests, and builds clients for them.
import { CreateStreamCommand, DescribeStreamSummaryCommand } from '@aws-sdk/client-kinesis';
import { AwsClientFactory } from '../../../common/aws/client-factory';
import { freePort } from '../../../common/process/service-process';
import { startKinesisEmulator, type RunningKinesis } from '../../../local/stand-ins/kinesis-emulator';
import { startDynamoDbEmulator, type DynamoDbEmulator } from '../../../local/stand-ins/dynamodb-emulator';

export interface OperatorStandIns {
  readonly factory: AwsClientFactory;
  readonly kinesis: RunningKinesis;
  readonly dynamodb: DynamoDbEmulator;
  stop(): Promise<void>;
}

export async function startOperatorStandIns(): Promise<OperatorStandIns> {
  process.env.AWS_ACCESS_KEY_ID ??= 'test';
  process.env.AWS_SECRET_ACCESS_KEY ??= 'test';
  // UpdateShardCount stays UPDATING for 1 s, so apply is seen waiting and a second operator can find the stream busy.
  const kinesis = await startKinesisEmulator({ port: await freePort(), updateShardCountMs: 1_000 });
  const dynamodb = await startDynamoDbEmulator({ port: await freePort() }).catch(async (error: unknown) => {
    await kinesis.stop();
    throw error;
  });
  const factory = new AwsClientFactory(
    {
      region: 'us-east-1',
      s3ForcePathStyle: true,
      endpoints: { kinesis: kinesis.endpoint, dynamodb: dynamodb.endpoint },
    },
    2,
  );
  return {
    factory,
    kinesis,
    dynamodb,
    stop: async () => {
      factory.destroy();
      await Promise.all([kinesis.stop(), dynamodb.stop()]);
    },
  };
}

export async function createActiveStream(factory: AwsClientFactory, streamName: string, shards: number): Promise<void> {
  const kinesis = factory.kinesis();
  await kinesis.send(new CreateStreamCommand({ StreamName: streamName, ShardCount: shards }));
  for (let i = 0; i < 200; i += 1) {
    const out = await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: streamName }));
    if (out.StreamDescriptionSummary?.StreamStatus === 'ACTIVE') return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`stream ${streamName} did not become ACTIVE`);
}
