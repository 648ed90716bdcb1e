// Creates what KCL 3 expects beside the lease table on a DynamoDB stand-in: the lease-owner index and the two coordination tables.
import {
  CreateTableCommand,
  DescribeTableCommand,
  ResourceNotFoundException,
  type AttributeDefinition,
  type DynamoDBClient,
  type GlobalSecondaryIndex,
} from '@aws-sdk/client-dynamodb';
import { sleep } from '../../common/sleep';

/** The index KCL 3 queries for one worker's leases (hash leaseOwner, range leaseKey, keys only); source: KCL 3.x DynamoDBLeaseRefresher. */
export const LEASE_OWNER_INDEX = 'LeaseOwnerToLeaseKeyIndex';

export const LEASE_OWNER_INDEX_DEFINITION: GlobalSecondaryIndex = {
  IndexName: LEASE_OWNER_INDEX,
  KeySchema: [
    { AttributeName: 'leaseOwner', KeyType: 'HASH' },
    { AttributeName: 'leaseKey', KeyType: 'RANGE' },
  ],
  Projection: { ProjectionType: 'KEYS_ONLY' },
};

export const LEASE_OWNER_INDEX_ATTRIBUTES: readonly AttributeDefinition[] = [
  { AttributeName: 'leaseOwner', AttributeType: 'S' },
];

/** `<app>-WorkerMetricStats` (key `wid`) and `<app>-CoordinatorState` (key `key`): KCL 3.1.3's default names and keys. */
export function kcl3TableNames(applicationName: string): {
  readonly workerMetrics: string;
  readonly coordinatorState: string;
} {
  return {
    workerMetrics: `${applicationName}-WorkerMetricStats`,
    coordinatorState: `${applicationName}-CoordinatorState`,
  };
}

/**
 * Creates the two KCL 3 coordination tables when missing. Why: the KCL creates them itself, but then polls for ACTIVE with a
 * fixed pause: measured on dynalite, 20 s per table before the worker starts; created here they are ACTIVE when it looks.
 */
export async function createKcl3Tables(client: DynamoDBClient, applicationName: string): Promise<void> {
  const names = kcl3TableNames(applicationName);
  await createTableIfMissing(client, names.coordinatorState, 'key');
  await createTableIfMissing(client, names.workerMetrics, 'wid');
}

async function createTableIfMissing(client: DynamoDBClient, table: string, key: string): Promise<void> {
  try {
    await client.send(new DescribeTableCommand({ TableName: table }));
    return;
  } catch (error: unknown) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
  }
  await client.send(
    new CreateTableCommand({
      TableName: table,
      AttributeDefinitions: [{ AttributeName: key, AttributeType: 'S' }],
      KeySchema: [{ AttributeName: key, KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
  await waitForActive(client, table);
}

/** Polls DescribeTable every 50 ms until the table (and every index) is ACTIVE, at most 10 s. */
export async function waitForActive(client: DynamoDBClient, table: string): Promise<void> {
  for (let i = 0; i < 200; i += 1) {
    const out = await client.send(new DescribeTableCommand({ TableName: table }));
    const indexesActive = (out.Table?.GlobalSecondaryIndexes ?? []).every((index) => index.IndexStatus === 'ACTIVE');
    if (out.Table?.TableStatus === 'ACTIVE' && indexesActive) return;
    await sleep(50);
  }
  throw new Error(`DynamoDB table ${table} did not become ACTIVE within 10 s`);
}
