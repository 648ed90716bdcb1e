// Starts kinesis-local and dynalite on free loopback ports for the operator integration tests, and builds clients for them.
import * as path from 'node:path';
import { CreateStreamCommand, DescribeStreamSummaryCommand } from '@aws-sdk/client-kinesis';
import { AwsClientFactory } from '../../../common/aws/client-factory';
import { freePort, LOOPBACK, startService, type ServiceProcess } from '../../../local/service-process';
import { startDynamoDbEmulator, type DynamoDbEmulator } from '../../../local/dynamodb-emulator';

const repoRoot = path.resolve(__dirname, '..', '..', '..', '..');

export interface OperatorStandIns {
  readonly factory: AwsClientFactory;
  readonly kinesis: ServiceProcess;
  readonly dynamodb: DynamoDbEmulator;
  stop(): Promise<void>;
}

export async function startOperatorStandIns(): Promise<OperatorStandIns> {
  process.env.AWS_ACCESS_KEY_ID ??= 'test';
  process.env.AWS_SECRET_ACCESS_KEY ??= 'test';
  const [plain, tls, ddbPort] = [await freePort(), await freePort(), await freePort()];
  const kinesis = await startService({
    name: 'kinesis-local',
    command: process.execPath,
    args: [require.resolve('kinesis-local/main.js', { paths: [repoRoot] })],
    port: plain,
    env: {
      ...process.env,
      KINESIS_MOCK_PLAIN_PORT: String(plain), KINESIS_MOCK_TLS_PORT: String(tls),
      KINESIS_MOCK_CERT_PATH: require.resolve('kinesis-local/server.json', { paths: [repoRoot] }),
      CREATE_STREAM_DURATION: '100ms', UPDATE_SHARD_COUNT_DURATION: '1000ms', LOG_LEVEL: 'WARN',
    },
    readyTimeoutMs: 60_000,
    stopTimeoutMs: 5_000,
  });
  const dynamodb = await startDynamoDbEmulator({ port: ddbPort }).catch(async (error: unknown) => { await kinesis.stop(); throw error; });
  const factory = new AwsClientFactory({
    region: 'us-east-1', s3ForcePathStyle: true,
    endpoints: { kinesis: `http://${LOOPBACK}:${plain}`, dynamodb: dynamodb.endpoint },
  }, 2);
  return {
    factory, kinesis, dynamodb,
    stop: async () => { factory.destroy(); await Promise.all([kinesis.stop(), dynamodb.stop()]); },
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
