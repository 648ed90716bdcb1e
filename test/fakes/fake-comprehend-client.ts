// Builds a real ComprehendClient (through the project's client factory, one SDK attempt) aimed at a FakeComprehendServer.
import type { ComprehendClient } from '@aws-sdk/client-comprehend';
import { AwsClientFactory } from '../../common/aws/client-factory';
import type { FakeComprehendServer } from './fake-comprehend-server';

export function fakeComprehendClient(server: FakeComprehendServer): {
  client: ComprehendClient;
  factory: AwsClientFactory;
} {
  // Dummy keys keep the SDK's credential chain from probing instance metadata; nothing here reaches AWS.
  process.env.AWS_ACCESS_KEY_ID ??= 'test';
  process.env.AWS_SECRET_ACCESS_KEY ??= 'test';
  // One SDK attempt: the retries under test are the analyzer's own (common/retry.ts).
  const factory = new AwsClientFactory(
    { region: 'us-east-1', endpoints: { comprehend: server.endpoint }, s3ForcePathStyle: true },
    1,
  );
  return { client: factory.comprehend(), factory };
}
