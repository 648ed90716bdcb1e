// Starts kinesis-local on a free loopback port for integration tests, with an SDK client from the one client factory.
import type { KinesisClient } from '@aws-sdk/client-kinesis';
import { AwsClientFactory } from '../../common/aws/client-factory';
import { startKinesisEmulator, type RunningKinesis } from '../../local/stand-ins/kinesis-emulator';
import { freePort } from '../../common/process/service-process';

export interface KinesisStandIn {
  readonly emulator: RunningKinesis;
  readonly client: KinesisClient;
  stop(): Promise<void>;
}

export async function startKinesisStandIn(logFile?: string): Promise<KinesisStandIn> {
  // The emulator accepts any credentials; the SDK only needs some to sign with.
  process.env.AWS_ACCESS_KEY_ID ??= 'test';
  process.env.AWS_SECRET_ACCESS_KEY ??= 'test';
  const emulator = await startKinesisEmulator({ port: await freePort(), logFile, updateShardCountMs: 300 });
  const factory = new AwsClientFactory(
    { region: 'us-east-1', s3ForcePathStyle: false, endpoints: { kinesis: emulator.endpoint } },
    3,
  );
  return {
    emulator,
    client: factory.kinesis(),
    stop: async () => {
      factory.destroy();
      await emulator.stop();
    },
  };
}
