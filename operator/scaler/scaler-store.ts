// The scaler's DynamoDB table: a per-stream lock (conditional write with expiry) and the ledger of UpdateShardCount calls.
import {
  CreateTableCommand,
  DescribeTableCommand,
  ResourceNotFoundException,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  GetCommand,
  PutCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { sleep } from '../../common/sleep';
import type { LedgerEntry } from './scaling-budget';
import { ScalingBlockedError } from './scaler-errors';

export const DEFAULT_SCALER_TABLE = 'kinesis-shard-scaler';
const LEDGER_KEEP = 50;

export interface LockView {
  readonly owner: string;
  readonly expiresAt: string;
}

export class DynamoDbScalerStore {
  public constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly dynamodb: DynamoDBClient,
    private readonly table = DEFAULT_SCALER_TABLE,
  ) {}

  /** Creates the table (on-demand billing, key `pk`) when it does not exist, and waits until it is ACTIVE. */
  public async ensureTable(): Promise<void> {
    try {
      await this.dynamodb.send(
        new CreateTableCommand({
          TableName: this.table,
          BillingMode: 'PAY_PER_REQUEST',
          AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
          KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        }),
      );
    } catch (error: unknown) {
      if ((error as { name?: string }).name !== 'ResourceInUseException') throw error;
    }
    for (let i = 0; i < 120; i += 1) {
      const out = await this.dynamodb.send(new DescribeTableCommand({ TableName: this.table }));
      if (out.Table?.TableStatus === 'ACTIVE') return;
      await sleep(250);
    }
  }

  public async readLedger(streamName: string): Promise<LedgerEntry[]> {
    try {
      const out = await this.doc.send(
        new GetCommand({ TableName: this.table, Key: { pk: `ledger#${streamName}` }, ConsistentRead: true }),
      );
      const entries = (out.Item?.entries ?? []) as unknown[];
      return entries.filter(isLedgerEntry);
    } catch (error: unknown) {
      if (error instanceof ResourceNotFoundException) return [];
      throw error;
    }
  }

  /** Appends one call, keeping the newest 50 (the 24 h window needs at most 10). */
  public async appendLedger(streamName: string, entry: LedgerEntry): Promise<void> {
    const kept = [...(await this.readLedger(streamName)), entry].slice(-LEDGER_KEEP);
    await this.doc.send(
      new UpdateCommand({
        TableName: this.table,
        Key: { pk: `ledger#${streamName}` },
        UpdateExpression: 'SET entries = :e',
        ExpressionAttributeValues: { ':e': kept },
      }),
    );
  }

  /** Takes (or renews, for the same owner) the stream's lock; throws ScalingBlockedError while another operator holds it. */
  public async acquireLock(streamName: string, owner: string, ttlMs: number, now = Date.now()): Promise<void> {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.table,
          Item: { pk: `lock#${streamName}`, owner, expiresAtMs: now + ttlMs, acquiredAt: new Date(now).toISOString() },
          ConditionExpression: 'attribute_not_exists(pk) OR expiresAtMs < :now OR #owner = :owner',
          ExpressionAttributeNames: { '#owner': 'owner' },
          ExpressionAttributeValues: { ':now': now, ':owner': owner },
        }),
      );
    } catch (error: unknown) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const held = await this.lock(streamName);
      throw new ScalingBlockedError(
        'LOCK_HELD',
        `stream ${streamName} is being scaled by ${held?.owner ?? 'another operator'} (lock expires ${held?.expiresAt ?? 'soon'})`,
      );
    }
  }

  /** Releases the lock only if we still hold it. */
  public async releaseLock(streamName: string, owner: string): Promise<void> {
    try {
      await this.doc.send(
        new DeleteCommand({
          TableName: this.table,
          Key: { pk: `lock#${streamName}` },
          ConditionExpression: '#owner = :owner',
          ExpressionAttributeNames: { '#owner': 'owner' },
          ExpressionAttributeValues: { ':owner': owner },
        }),
      );
    } catch (error: unknown) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  public async lock(streamName: string): Promise<LockView | undefined> {
    const out = await this.doc.send(
      new GetCommand({ TableName: this.table, Key: { pk: `lock#${streamName}` }, ConsistentRead: true }),
    );
    if (out.Item === undefined) return undefined;
    return { owner: String(out.Item.owner), expiresAt: new Date(Number(out.Item.expiresAtMs)).toISOString() };
  }
}

function isLedgerEntry(value: unknown): value is LedgerEntry {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.at === 'string' && typeof v.from === 'number' && typeof v.to === 'number' && typeof v.operator === 'string'
  );
}
