// apply against kinesis-local (UpdateShardCount) and dynalite (lock and ledger): steps, preconditions that fail, a held lock.
import { expect } from 'chai';
import { UpdateShardCountCommand } from '@aws-sdk/client-kinesis';
import { applyPlan, type ApplyDeps, type ApplyProgress } from '../../../../operator/scaler/plan-applier';
import { DynamoDbScalerStore } from '../../../../operator/scaler/scaler-store';
import { describeStreamState } from '../../../../operator/scaler/kinesis-stream-state';
import { ScalingBlockedError } from '../../../../operator/scaler/scaler-errors';
import type { ScalingPlan, ScalingStep } from '../../../../operator/scaler/scaling-plan';
import { DEFAULT_SCALING_POLICY } from '../../../../operator/scaler/scaling-policy';
import { createActiveStream, startOperatorStandIns, type OperatorStandIns } from '../operator-stand-ins';

function planFor(streamName: string, steps: ScalingStep[], createdAt = new Date()): ScalingPlan {
  const from = steps[0]?.from ?? 1;
  return {
    version: 1,
    createdAt: createdAt.toISOString(),
    streamName,
    inputs: {
      stream: { streamName, mode: 'PROVISIONED', status: 'ACTIVE', openShardCount: from },
      window: { start: '', end: '', completeEnd: '' },
      load: {
        completeMinutes: 0,
        minutesWithData: 0,
        writeBytesPerSec: { mean: 0, sizing: 0, peak: 0 },
        writeRecordsPerSec: { mean: 0, sizing: 0, peak: 0 },
        readBytesPerSec: { mean: 0, sizing: 0, peak: 0 },
        throttledMinutesRecent: 0,
        throttledRecordsTotal: 0,
        maxIteratorAgeMsRecent: null,
      },
      utilisation: { writeBytes: 0, writeRecords: 0, read: 0, max: 0 },
      policy: DEFAULT_SCALING_POLICY,
    },
    decision: 'scale-up',
    reasons: [],
    currentShards: from,
    desiredShards: steps.at(-1)?.to ?? from,
    finalShards: steps.at(-1)?.to ?? from,
    steps,
    budget: {
      limit: 10,
      reserved: 2,
      usedLast24h: 0,
      emergency: false,
      availableBefore: 8,
      availableAfter: 8 - steps.length,
      nextOperationFreedAt: null,
    },
    cost: { shardHourPriceUsd: 0.015, hourlyChangeUsd: 0, monthlyChangeUsd: 0 },
  };
}

describe('applying a scaling plan (kinesis-local + dynalite)', function () {
  this.timeout(120_000);
  let env: OperatorStandIns;
  let store: DynamoDbScalerStore;
  let progress: ApplyProgress[];
  const deps = (operator = 'alice@test'): ApplyDeps => ({
    kinesis: env.factory.kinesis(),
    store,
    operator,
    lockTtlMs: 60_000,
    maxPlanAgeMs: 30 * 60_000,
    activeTimeoutMs: 60_000,
    pollIntervalMs: 100,
    onProgress: (e) => progress.push(e),
  });
  const blockedCode = async (promise: Promise<unknown>): Promise<string> => {
    try {
      await promise;
    } catch (error: unknown) {
      if (error instanceof ScalingBlockedError) return error.code;
      throw error;
    }
    return 'not blocked';
  };

  before(async () => {
    env = await startOperatorStandIns();
    store = new DynamoDbScalerStore(env.factory.dynamodbDocument(), env.factory.dynamodb(), 'scaler-test');
    await store.ensureTable();
  });
  after(async () => {
    await env?.stop();
  });
  beforeEach(() => {
    progress = [];
  });

  it('executes a two-step plan, waiting for ACTIVE between steps, and records each call in the ledger', async () => {
    await createActiveStream(env.factory, 'grow', 2);
    const result = await applyPlan(
      planFor('grow', [
        { from: 2, to: 4 },
        { from: 4, to: 5 },
      ]),
      deps(),
    );
    expect(result.outcome).to.equal('changed');
    const state = await describeStreamState(env.factory.kinesis(), 'grow');
    expect(state).to.include({ status: 'ACTIVE', openShardCount: 5 });
    expect((await store.readLedger('grow')).map((e) => [e.from, e.to, e.operator])).to.deep.equal([
      [2, 4, 'alice@test'],
      [4, 5, 'alice@test'],
    ]);
    expect(progress.filter((p) => p.kind === 'step-done')).to.have.length(2);
    expect(progress.some((p) => p.kind === 'waiting')).to.equal(true);
    expect(await store.lock('grow')).to.equal(undefined);
  });

  it('refuses a step when the open shard count is no longer what the plan expected', async () => {
    await createActiveStream(env.factory, 'moved', 3);
    expect(await blockedCode(applyPlan(planFor('moved', [{ from: 2, to: 4 }]), deps()))).to.equal(
      'PRECONDITION_FAILED',
    );
    expect((await describeStreamState(env.factory.kinesis(), 'moved')).openShardCount).to.equal(3);
    expect(await store.readLedger('moved')).to.deep.equal([]);
  });

  it('refuses while the stream is not ACTIVE', async () => {
    await createActiveStream(env.factory, 'busy', 2);
    await env.factory
      .kinesis()
      .send(new UpdateShardCountCommand({ StreamName: 'busy', TargetShardCount: 3, ScalingType: 'UNIFORM_SCALING' }));
    expect(await blockedCode(applyPlan(planFor('busy', [{ from: 2, to: 4 }]), deps()))).to.equal('PRECONDITION_FAILED');
  });

  it('refuses while another operator holds the lock, and takes over a lock that has expired', async () => {
    await createActiveStream(env.factory, 'locked', 1);
    await store.acquireLock('locked', 'bob@elsewhere', 60_000);
    expect(await blockedCode(applyPlan(planFor('locked', [{ from: 1, to: 2 }]), deps()))).to.equal('LOCK_HELD');
    expect((await describeStreamState(env.factory.kinesis(), 'locked')).openShardCount).to.equal(1);

    await store.acquireLock('locked', 'bob@elsewhere', 60_000, Date.now() - 120_000);
    expect((await applyPlan(planFor('locked', [{ from: 1, to: 2 }]), deps())).outcome).to.equal('changed');
  });

  it('refuses a plan older than the allowed age', async () => {
    await createActiveStream(env.factory, 'old-plan', 1);
    expect(
      await blockedCode(applyPlan(planFor('old-plan', [{ from: 1, to: 2 }], new Date(Date.now() - 3_600_000)), deps())),
    ).to.equal('PLAN_STALE');
  });
});
