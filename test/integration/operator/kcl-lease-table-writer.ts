// Writes a lease table the way the KCL 2.x DynamoDBLeaseSerializer does (attribute names and types), for monitor tests.
import { CreateTableCommand, PutItemCommand, type AttributeValue, type DynamoDBClient } from '@aws-sdk/client-dynamodb';

export interface TestLease {
  readonly leaseKey: string;
  readonly leaseOwner?: string;
  readonly leaseCounter: number;
  readonly checkpoint: string;
  readonly checkpointSubSequenceNumber?: number;
  readonly parentShardIds?: readonly string[];
}

export async function createLeaseTable(dynamodb: DynamoDBClient, table: string): Promise<void> {
  await dynamodb.send(
    new CreateTableCommand({
      TableName: table,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'leaseKey', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'leaseKey', KeyType: 'HASH' }],
    }),
  );
  await new Promise((r) => setTimeout(r, 300));
}

export async function writeLease(dynamodb: DynamoDBClient, table: string, lease: TestLease): Promise<void> {
  const item: Record<string, AttributeValue> = {
    leaseKey: { S: lease.leaseKey },
    leaseCounter: { N: String(lease.leaseCounter) },
    ownerSwitchesSinceCheckpoint: { N: '0' },
    checkpoint: { S: lease.checkpoint },
    checkpointSubSequenceNumber: { N: String(lease.checkpointSubSequenceNumber ?? 0) },
  };
  if (lease.leaseOwner !== undefined) item.leaseOwner = { S: lease.leaseOwner };
  if (lease.parentShardIds !== undefined && lease.parentShardIds.length > 0)
    item.parentShardId = { SS: [...lease.parentShardIds] };
  await dynamodb.send(new PutItemCommand({ TableName: table, Item: item }));
}
