// What a dead KCL 3 daemon leaves for the leader, against dynalite: its leader lock (released only if still its own) and its WorkerMetricStats entry.
import { expect } from 'chai';
import { GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { deleteDeadWorkersMetrics, releaseDeadWorkersLeaderLock } from '../../../daemon/leader-lock';
import { createKcl3Tables, kcl3TableNames } from '../../../local/stand-ins/kcl3-tables';
import { startDynamoDbEmulator, type DynamoDbEmulator } from '../../../local/stand-ins/dynamodb-emulator';
import { AwsClientFactory } from '../../../common/aws/client-factory';
import { freePort } from '../../../common/process/service-process';

describe('releaseDeadWorkersLeaderLock (dynalite)', function () {
  this.timeout(60_000);
  let dynamo: DynamoDbEmulator;
  let factory: AwsClientFactory;
  const app = 'lock-app';
  const table = kcl3TableNames(app).coordinatorState;

  /** The item amazon-dynamodb-lock-client 1.4.0 writes for KCL 3.1.3's leader (as read from a chaos run's table). */
  const putLock = (ownerName: string, recordVersionNumber: string): Promise<unknown> =>
    factory.dynamodb().send(
      new PutItemCommand({
        TableName: table,
        Item: {
          key: { S: 'Leader' },
          ownerName: { S: ownerName },
          recordVersionNumber: { S: recordVersionNumber },
          leaseDuration: { S: '120000' },
        },
      }),
    );
  const lockOwner = async (): Promise<string | undefined> =>
    (await factory.dynamodb().send(new GetItemCommand({ TableName: table, Key: { key: { S: 'Leader' } } }))).Item
      ?.ownerName?.S;

  before(async () => {
    process.env.AWS_ACCESS_KEY_ID ??= 'test';
    process.env.AWS_SECRET_ACCESS_KEY ??= 'test';
    dynamo = await startDynamoDbEmulator({ port: await freePort() });
    factory = new AwsClientFactory({
      region: 'us-east-1',
      s3ForcePathStyle: true,
      endpoints: { dynamodb: dynamo.endpoint },
    });
    await createKcl3Tables(factory.dynamodb(), app);
  });
  after(async () => {
    factory?.destroy();
    await dynamo?.stop();
  });

  it('deletes the lock a dead worker of this id still holds, so the next isLeader check takes it at once', async () => {
    await putLock('soak-worker', '95bd579a-2b1e-4c04-9841-fc840f5db03c');
    const outcome = await releaseDeadWorkersLeaderLock({
      dynamodb: factory.dynamodb(),
      coordinatorStateTable: table,
      workerId: 'soak-worker',
    });
    expect(outcome).to.equal('released');
    expect(await lockOwner()).to.equal(undefined);
  });

  it("leaves another worker's lock alone", async () => {
    await putLock('soak-worker-2', '4f59c307-e5ac-43d6-bf6f-3196ea3f5711');
    const outcome = await releaseDeadWorkersLeaderLock({
      dynamodb: factory.dynamodb(),
      coordinatorStateTable: table,
      workerId: 'soak-worker',
    });
    expect(outcome).to.equal('not-ours');
    expect(await lockOwner()).to.equal('soak-worker-2');
  });

  it('does nothing without a lock or without the table (a KCL 2 application)', async () => {
    const target = { dynamodb: factory.dynamodb(), workerId: 'soak-worker' };
    await putLock('soak-worker', 'v1');
    await releaseDeadWorkersLeaderLock({ ...target, coordinatorStateTable: table });
    expect(await releaseDeadWorkersLeaderLock({ ...target, coordinatorStateTable: table })).to.equal('none');
    expect(
      await releaseDeadWorkersLeaderLock({ ...target, coordinatorStateTable: 'no-such-app-CoordinatorState' }),
    ).to.equal('none');
  });

  it('deletes the WorkerMetricStats entry of a worker stopped for good, and only that one', async () => {
    const metricsTable = kcl3TableNames(app).workerMetrics;
    for (const wid of ['soak-worker', 'soak-worker-2'])
      await factory
        .dynamodb()
        .send(new PutItemCommand({ TableName: metricsTable, Item: { wid: { S: wid }, lut: { N: '1796572303' } } }));
    const target = {
      dynamodb: factory.dynamodb(),
      coordinatorStateTable: table,
      workerMetricsTable: metricsTable,
      workerId: 'soak-worker-2',
    };
    expect(await deleteDeadWorkersMetrics(target)).to.equal(true);
    expect(await deleteDeadWorkersMetrics(target)).to.equal(false);
    const left = await factory
      .dynamodb()
      .send(new GetItemCommand({ TableName: metricsTable, Key: { wid: { S: 'soak-worker' } } }));
    expect(left.Item?.wid?.S).to.equal('soak-worker');
  });
});
