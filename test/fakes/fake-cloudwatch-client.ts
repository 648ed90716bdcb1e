// Builds a real CloudWatchClient (through the project's client factory) aimed at a FakeCloudWatchServer, with dummy credentials.
import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { AwsClientFactory } from '../../common/aws/client-factory';
import type { FakeCloudWatchServer } from './fake-cloudwatch-server';

export function fakeCloudWatchClient(server: FakeCloudWatchServer): {
  client: CloudWatchClient;
  factory: AwsClientFactory;
} {
  // Dummy keys keep the SDK's credential chain from probing instance metadata; nothing here reaches AWS.
  process.env.AWS_ACCESS_KEY_ID ??= 'test';
  process.env.AWS_SECRET_ACCESS_KEY ??= 'test';
  const factory = new AwsClientFactory(
    { region: 'us-east-1', endpoints: { cloudwatch: server.endpoint }, s3ForcePathStyle: true },
    1,
  );
  return { client: factory.cloudwatch(), factory };
}
