// Seeds the KCL lease table of a fresh application (with KCL 3's index and tables) so the daemon starts at once.
import {
  CreateTableCommand,
  DescribeTableCommand,
  ResourceNotFoundException,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { newLeaseItem, type SeedShard } from '../../common/kcl-lease/new-lease-item';
import {
  createKcl3Tables,
  LEASE_OWNER_INDEX,
  LEASE_OWNER_INDEX_ATTRIBUTES,
  LEASE_OWNER_INDEX_DEFINITION,
  waitForActive,
} from './kcl3-tables';
import { DEFAULT_KCL_GENERATION, type KclGeneration } from '../../daemon/kcl-generation';

/**
 * Creates the lease table with the KCL's schema and one TRIM_HORIZON lease per shard, when the table does not exist.
 * Why: on an empty table KCL 2.7.2 waits a random 1-30 s before its first shard sync (not configurable); seeded
 * leases (the same items that sync would write) let a fresh application start at once. Returns false if the table existed.
 * For generation 3 the table gets the LeaseOwnerToLeaseKeyIndex at creation: dynalite accepts the UpdateTable with which
 * KCL 3 adds it but rejects it (no provisioned throughput) or never builds it, and KCL 3 does not start without it;
 * the coordinator-state and worker-metrics tables are created too (see createKcl3Tables).
 */
export async function seedLeaseTable(
  client: DynamoDBClient,
  table: string,
  shards: readonly SeedShard[],
  generation: KclGeneration = DEFAULT_KCL_GENERATION,
): Promise<boolean> {
  if (generation === 3) await createKcl3Tables(client, table);
  try {
    const existing = await client.send(new DescribeTableCommand({ TableName: table }));
    if (
      generation === 3 &&
      !(existing.Table?.GlobalSecondaryIndexes ?? []).some((index) => index.IndexName === LEASE_OWNER_INDEX)
    ) {
      throw new Error(
        `lease table ${table} has no ${LEASE_OWNER_INDEX} (a KCL 2 table): KCL 3 adds it with UpdateTable, which the local DynamoDB stand-in cannot build; use another application name, remove the local data, or run with --kcl 2`,
      );
    }
    return false;
  } catch (error: unknown) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
  }
  await client.send(
    new CreateTableCommand({
      TableName: table,
      AttributeDefinitions: [
        { AttributeName: 'leaseKey', AttributeType: 'S' },
        ...(generation === 3 ? LEASE_OWNER_INDEX_ATTRIBUTES : []),
      ],
      KeySchema: [{ AttributeName: 'leaseKey', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
      ...(generation === 3 ? { GlobalSecondaryIndexes: [LEASE_OWNER_INDEX_DEFINITION] } : {}),
    }),
  );
  await waitForActive(client, table);
  const doc = DynamoDBDocumentClient.from(client);
  for (const shard of shards) {
    await doc.send(
      new PutCommand({
        TableName: table,
        Item: newLeaseItem(shard),
        ConditionExpression: 'attribute_not_exists(leaseKey)',
      }),
    );
  }
  return true;
}
