// Reads the KCL lease table (one item per shard) and, for a fresh application, seeds it (with KCL 3's index and tables) so the daemon starts at once.
import { CreateTableCommand, DescribeTableCommand, PutItemCommand, ResourceNotFoundException, ScanCommand, type AttributeValue, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createKcl3Tables, LEASE_OWNER_INDEX, LEASE_OWNER_INDEX_ATTRIBUTES, LEASE_OWNER_INDEX_DEFINITION, waitForActive } from './kcl3-tables';
import { DEFAULT_KCL_GENERATION, type KclGeneration } from './kcl-generation';

export interface Lease {
  readonly leaseKey: string;
  readonly leaseOwner?: string;
  readonly leaseCounter: number;
  /** A sequence number, or TRIM_HORIZON / LATEST / AT_TIMESTAMP before the first checkpoint, SHARD_END when finished. */
  readonly checkpoint?: string;
  readonly checkpointSubSequenceNumber?: number;
  readonly parentShardIds: readonly string[];
  readonly ownerSwitchesSinceCheckpoint: number;
  /** KCL 3: the worker that must checkpoint before a graceful hand-off completes (set while a lease moves). */
  readonly checkpointOwner?: string;
}

export async function readLeases(client: DynamoDBClient, table: string): Promise<Lease[]> {
  const leases: Lease[] = [];
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = await client.send(new ScanCommand({ TableName: table, ConsistentRead: true, ExclusiveStartKey: start }));
    for (const item of page.Items ?? []) leases.push(toLease(item));
    start = page.LastEvaluatedKey;
  } while (start !== undefined);
  return leases.sort((a, b) => a.leaseKey.localeCompare(b.leaseKey));
}

/** Leases by shard id, or an empty list when the table does not exist yet. */
export async function readLeasesIfAny(client: DynamoDBClient, table: string): Promise<Lease[]> {
  try { return await readLeases(client, table); } catch (error: unknown) {
    if (error instanceof ResourceNotFoundException) return [];
    throw error;
  }
}

function toLease(item: Record<string, AttributeValue>): Lease {
  const n = (name: string): number | undefined => (item[name]?.N === undefined ? undefined : Number(item[name]?.N));
  return {
    leaseKey: item.leaseKey?.S ?? '',
    ...(item.leaseOwner?.S === undefined ? {} : { leaseOwner: item.leaseOwner.S }),
    leaseCounter: n('leaseCounter') ?? 0,
    ...(item.checkpoint?.S === undefined ? {} : { checkpoint: item.checkpoint.S }),
    ...(n('checkpointSubSequenceNumber') === undefined ? {} : { checkpointSubSequenceNumber: n('checkpointSubSequenceNumber') }),
    parentShardIds: item.parentShardId?.SS ?? [],
    ownerSwitchesSinceCheckpoint: n('ownerSwitchesSinceCheckpoint') ?? 0,
    ...(item.checkpointOwner?.S === undefined ? {} : { checkpointOwner: item.checkpointOwner.S }),
  };
}

export interface SeedShard {
  readonly shardId: string;
  readonly startingHashKey: string;
  readonly endingHashKey: string;
  readonly parentShardIds?: readonly string[];
}

/**
 * Creates the lease table with the KCL's schema and one TRIM_HORIZON lease per shard, when the table does not exist.
 * Why: on an empty table KCL 2.7.2 waits a random 1-30 s before its first shard sync (not configurable); seeded
 * leases (the same items that sync would write) let a fresh application start at once. Returns false if the table existed.
 * For generation 3 the table gets the LeaseOwnerToLeaseKeyIndex at creation: dynalite accepts the UpdateTable with which
 * KCL 3 adds it but rejects it (no provisioned throughput) or never builds it, and KCL 3 does not start without it;
 * the coordinator-state and worker-metrics tables are created too (see createKcl3Tables).
 */
export async function seedLeaseTable(client: DynamoDBClient, table: string, shards: readonly SeedShard[], generation: KclGeneration = DEFAULT_KCL_GENERATION): Promise<boolean> {
  if (generation === 3) await createKcl3Tables(client, table);
  try {
    const existing = await client.send(new DescribeTableCommand({ TableName: table }));
    if (generation === 3 && !(existing.Table?.GlobalSecondaryIndexes ?? []).some((index) => index.IndexName === LEASE_OWNER_INDEX)) {
      throw new Error(`lease table ${table} has no ${LEASE_OWNER_INDEX} (a KCL 2 table): KCL 3 adds it with UpdateTable, which the local DynamoDB stand-in cannot build; use another application name, remove the local data, or run with --kcl 2`);
    }
    return false;
  } catch (error: unknown) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
  }
  await client.send(new CreateTableCommand({
    TableName: table,
    AttributeDefinitions: [{ AttributeName: 'leaseKey', AttributeType: 'S' }, ...(generation === 3 ? LEASE_OWNER_INDEX_ATTRIBUTES : [])],
    KeySchema: [{ AttributeName: 'leaseKey', KeyType: 'HASH' }],
    BillingMode: 'PAY_PER_REQUEST',
    ...(generation === 3 ? { GlobalSecondaryIndexes: [LEASE_OWNER_INDEX_DEFINITION] } : {}),
  }));
  await waitForActive(client, table);
  for (const shard of shards) {
    const item: Record<string, AttributeValue> = {
      leaseKey: { S: shard.shardId },
      leaseCounter: { N: '0' },
      checkpoint: { S: 'TRIM_HORIZON' },
      checkpointSubSequenceNumber: { N: '0' },
      ownerSwitchesSinceCheckpoint: { N: '0' },
      startingHashKey: { S: shard.startingHashKey },
      endingHashKey: { S: shard.endingHashKey },
    };
    if ((shard.parentShardIds ?? []).length > 0) item.parentShardId = { SS: [...(shard.parentShardIds ?? [])] };
    await client.send(new PutItemCommand({ TableName: table, Item: item, ConditionExpression: 'attribute_not_exists(leaseKey)' }));
  }
  return true;
}
