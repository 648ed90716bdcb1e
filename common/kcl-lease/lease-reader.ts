// Reads the KCL lease table: every lease (all pages, consistent), or one lease by key; the only code that scans it.
import { DynamoDBClient, ResourceNotFoundException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { leaseBelongsTo, toLease, type KclLease } from './kcl-lease';

/** A plain client is wrapped in a document client (lib-dynamodb) so items arrive as plain values. */
export type LeaseTableClient = DynamoDBClient | DynamoDBDocumentClient;

function documentClient(client: LeaseTableClient): DynamoDBDocumentClient {
  return client instanceof DynamoDBClient ? DynamoDBDocumentClient.from(client) : client;
}

/**
 * Every lease of the table (the table is named after the KCL application unless configured), sorted by lease key.
 * With `streamName`, a multi-stream table keeps only that stream's leases. Throws the SDK's error (for example
 * ResourceNotFoundException when the table does not exist).
 */
export async function readLeases(client: LeaseTableClient, table: string, streamName?: string): Promise<KclLease[]> {
  const doc = documentClient(client);
  const leases: KclLease[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await doc.send(new ScanCommand({ TableName: table, ConsistentRead: true, ExclusiveStartKey: start }));
    for (const item of page.Items ?? []) {
      const lease = toLease(item);
      if (lease !== undefined && (streamName === undefined || leaseBelongsTo(lease.leaseKey, streamName)))
        leases.push(lease);
    }
    start = page.LastEvaluatedKey;
  } while (start !== undefined);
  return leases.sort((a, b) => a.leaseKey.localeCompare(b.leaseKey));
}

/** Like readLeases, but an empty list when the table does not exist yet (before the daemon's first start). */
export async function readLeasesIfAny(
  client: LeaseTableClient,
  table: string,
  streamName?: string,
): Promise<KclLease[]> {
  try {
    return await readLeases(client, table, streamName);
  } catch (error: unknown) {
    if (error instanceof ResourceNotFoundException) return [];
    throw error;
  }
}

/** One lease by key (strongly consistent read), or undefined when there is none. */
export async function readLease(
  client: LeaseTableClient,
  table: string,
  leaseKey: string,
): Promise<KclLease | undefined> {
  const out = await documentClient(client).send(
    new GetCommand({ TableName: table, Key: { leaseKey }, ConsistentRead: true }),
  );
  return out.Item === undefined ? undefined : toLease(out.Item);
}
