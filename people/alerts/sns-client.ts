// Builds the SNSClient exactly as common/aws/client-factory.ts builds the others (HTTP/1.1 handler, timeouts, endpoint override), until the factory gains sns().
import { SNSClient } from '@aws-sdk/client-sns';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import type { AwsSettings } from '../../common/aws/aws-settings';

export function createSnsClient(settings: AwsSettings, maxAttempts = 3): SNSClient {
  const endpoint = settings.endpoints.sns;
  return new SNSClient({
    region: settings.region,
    maxAttempts,
    requestHandler: new NodeHttpHandler({
      httpAgent: new HttpAgent({ keepAlive: true, maxSockets: 50 }),
      httpsAgent: new HttpsAgent({ keepAlive: true, maxSockets: 50 }),
      connectionTimeout: 5_000,
      requestTimeout: 30_000,
    }),
    ...(endpoint === undefined ? {} : { endpoint }),
  });
}
