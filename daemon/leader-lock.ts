// What a dead KCL 3 daemon leaves behind for the leader: its leader lock (2-minute lease) and its WorkerMetricStats entry (assignments to a ghost).
import {
  ConditionalCheckFailedException,
  DeleteItemCommand,
  GetItemCommand,
  ResourceNotFoundException,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';

/** The lock item's key in the CoordinatorState table (KCL 3.1.3 `CoordinatorState.LEADER_HASH_KEY`). */
const LEADER_KEY = 'Leader';

export interface LeaderLockTarget {
  readonly dynamodb: DynamoDBClient;
  /** `<applicationName>-WorkerMetricStats` unless the properties set `workerMetricsTableName`. */
  readonly workerMetricsTable?: string;
  /** `<applicationName>-CoordinatorState` unless the properties set `coordinatorStateTableName`. */
  readonly coordinatorStateTable: string;
  /** The workerId of the daemon that is dead (or about to be started in place of a dead one). */
  readonly workerId: string;
}

export type LeaderLockOutcome = 'released' | 'not-ours' | 'none';

/**
 * Why this exists (measured with KCL 3.1.3 in `npm run chaos`): in KCL 3 only the leader assigns leases, including the
 * leases of new child shards after a reshard and those of a worker that left. The leader holds a DynamoDB lock
 * (amazon-dynamodb-lock-client, item `Leader` of `<app>-CoordinatorState`) whose lease is fixed at 2 minutes
 * (`DynamoDBLockBasedLeaderDecider.DEFAULT_LEASE_DURATION_MILLIS`, not configurable in 3.1.3), and a daemon that exits
 * after a consumer child died, or is killed, leaves it behind. Its successor, even with the same workerId, waits the
 * whole lease before it leads, so for 2 minutes nothing assigns the children of a reshard: their records wait.
 *
 * Called by whoever knows the daemon with `workerId` is dead (its launcher, after the JVM exited or before starting
 * the one replacement): deletes the lock only if `workerId` still owns it, conditionally on the record version
 * number just read, so a lock another worker took (or that a live holder renewed) is never touched. The next
 * `isLeader` check of any worker then takes the free lock at once.
 */
export async function releaseDeadWorkersLeaderLock(target: LeaderLockTarget): Promise<LeaderLockOutcome> {
  let item;
  try {
    item = (
      await target.dynamodb.send(
        new GetItemCommand({
          TableName: target.coordinatorStateTable,
          Key: { key: { S: LEADER_KEY } },
          ConsistentRead: true,
        }),
      )
    ).Item;
  } catch (error: unknown) {
    if (error instanceof ResourceNotFoundException) return 'none';
    throw error;
  }
  const owner = item?.ownerName?.S;
  const version = item?.recordVersionNumber?.S;
  if (item === undefined || owner === undefined || version === undefined) return 'none';
  if (owner !== target.workerId) return 'not-ours';
  try {
    await target.dynamodb.send(
      new DeleteItemCommand({
        TableName: target.coordinatorStateTable,
        Key: { key: { S: LEADER_KEY } },
        ConditionExpression: 'ownerName = :owner AND recordVersionNumber = :version',
        ExpressionAttributeValues: { ':owner': { S: owner }, ':version': { S: version } },
      }),
    );
    return 'released';
  } catch (error: unknown) {
    if (error instanceof ConditionalCheckFailedException) return 'not-ours';
    throw error;
  }
}

/**
 * Measured in the same chaos run: a worker that left (SIGTERM, graceful) keeps its `<app>-WorkerMetricStats` entry,
 * which the leader counts as a live worker until it is older than twice `workerMetricsReporterFreqInMillis` (30 s
 * default: a minute). Meanwhile the leader assigns leases to the departed worker (17 leases 10 s after it had shut
 * down, and again every few seconds as they expired); nobody takes them until they expire and bounce. Called when the
 * daemon with `workerId` has exited: deletes its entry, so the next assignment sees only live workers (a live worker of
 * that id writes it again at its next report). Returns false when there was nothing to delete.
 */
export async function deleteDeadWorkersMetrics(target: LeaderLockTarget): Promise<boolean> {
  if (target.workerMetricsTable === undefined) return false;
  try {
    const deleted = await target.dynamodb.send(
      new DeleteItemCommand({
        TableName: target.workerMetricsTable,
        Key: { wid: { S: target.workerId } },
        ReturnValues: 'ALL_OLD',
      }),
    );
    return deleted.Attributes !== undefined;
  } catch (error: unknown) {
    if (error instanceof ResourceNotFoundException) return false;
    throw error;
  }
}
