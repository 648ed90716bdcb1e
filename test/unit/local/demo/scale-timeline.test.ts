// The scale scenario's pure pieces: lease-table facts over time (ShardTimeline) and the timeline built from scaler runs.
import { expect } from 'chai';
import type { KclLease } from '../../../../common/kcl-lease/kcl-lease';
import type { ScalingPlan } from '../../../../operator/scaler/scaling-plan';
import { ShardTimeline } from '../../../../local/demo/shard-timeline';
import { buildScaleTimeline, renderScaleTimeline } from '../../../../local/demo/scale-timeline';
import type { ScalerRun } from '../../../../local/demo/scaler-runs';
import { describeRun } from '../../../../local/start/autoscaler';

function lease(shardId: string, checkpoint: string | null, owner: string | null, parents: string[] = []): KclLease {
  return {
    leaseKey: shardId,
    shardId,
    leaseOwner: owner,
    leaseCounter: 1,
    checkpoint,
    checkpointSubSequenceNumber: 0,
    pendingCheckpoint: null,
    ownerSwitchesSinceCheckpoint: 0,
    parentShardIds: parents,
    childShardIds: [],
    startingHashKey: null,
    endingHashKey: null,
    checkpointOwner: null,
    throughputKBps: null,
  };
}

function run(
  at: number,
  decision: ScalingPlan['decision'],
  from: number,
  to: number,
  applied: boolean,
  reasons: string[] = ['because'],
  used = 0,
): ScalerRun {
  const plan = {
    version: 1,
    createdAt: new Date(at).toISOString(),
    streamName: 's',
    decision,
    reasons,
    currentShards: from,
    desiredShards: to,
    finalShards: to,
    steps: applied ? [{ from, to }] : [],
    inputs: { utilisation: { writeBytes: 0, writeRecords: 1.1, read: 0, max: 1.1 } },
    budget: {
      limit: 10,
      reserved: 2,
      usedLast24h: used,
      emergency: false,
      availableBefore: 8,
      availableAfter: 7,
      nextOperationFreedAt: null,
    },
  } as unknown as ScalingPlan;
  return { startedAt: at, finishedAt: at + 1_500, exitCode: applied ? 3 : 0, plan, applied, messages: [] };
}

describe('ShardTimeline', () => {
  it('records when a lease was owned, first checkpointed at a sequence number and reached SHARD_END', () => {
    const t = new ShardTimeline();
    t.observe([lease('shard-0', 'TRIM_HORIZON', null)], 1_000);
    t.observe([lease('shard-0', 'TRIM_HORIZON', 'w1')], 2_000);
    t.observe([lease('shard-0', '4960', 'w1')], 3_000);
    t.observe([lease('shard-0', 'SHARD_END', 'w1')], 9_000);
    expect(t.get('shard-0')).to.deep.include({
      firstSeenAt: 1_000,
      ownedAt: 2_000,
      owner: 'w1',
      consumedAt: 3_000,
      finishedAt: 9_000,
    });
  });

  it('checks from outside that every parent finished before its child was first checkpointed', () => {
    const t = new ShardTimeline();
    t.observe(
      [lease('p', '1', 'w'), lease('c1', 'TRIM_HORIZON', null, ['p']), lease('c2', 'TRIM_HORIZON', null, ['p'])],
      1_000,
    );
    t.observe(
      [lease('p', 'SHARD_END', 'w'), lease('c1', '7', 'w', ['p']), lease('c2', 'TRIM_HORIZON', 'w', ['p'])],
      2_000,
    );
    expect(t.orderChecks()).to.deep.equal([{ child: 'c1', parent: 'p', parentFinishedFirst: true }]);
    const wrong = new ShardTimeline();
    wrong.observe([lease('p', '1', 'w'), lease('c1', '7', 'w', ['p'])], 1_000);
    wrong.observe([lease('p', 'SHARD_END', 'w')], 2_000);
    expect(wrong.orderChecks()).to.deep.equal([{ child: 'c1', parent: 'p', parentFinishedFirst: false }]);
  });
});

describe('buildScaleTimeline', () => {
  it('gives seconds from the overload for the decision, the change, the children owned and consumed, and the budget', () => {
    const t = new ShardTimeline();
    t.observe([lease('s0', '1', 'w')], 0);
    t.observe(
      [
        lease('s0', 'SHARD_END', 'w'),
        lease('s1', 'TRIM_HORIZON', 'w', ['s0']),
        lease('s2', 'TRIM_HORIZON', null, ['s0']),
      ],
      72_000,
    );
    t.observe([lease('s0', 'SHARD_END', 'w'), lease('s1', '9', 'w', ['s0']), lease('s2', '8', 'w', ['s0'])], 75_000);
    t.observe(
      [
        lease('s1', 'SHARD_END', 'w', ['s0']),
        lease('s2', 'SHARD_END', 'w', ['s0']),
        lease('s3', 'TRIM_HORIZON', null, ['s1', 's2']),
      ],
      250_000,
    );
    t.observe([lease('s3', '12', 'w', ['s1', 's2'])], 254_000);
    const runs = [
      run(60_000, 'none', 1, 1, false),
      run(70_000, 'scale-up', 1, 2, true, ['utilisation 110%'], 0),
      run(150_000, 'blocked', 2, 2, false, ['last scaling operation was 1 min ago; scale-down cooldown is 2 min'], 1),
      run(245_000, 'scale-down', 2, 1, true, ['below'], 1),
    ];
    const timeline = buildScaleTimeline({
      overloadStartedAt: 0,
      overloadEndedAt: 72_000,
      runs,
      shards: t.all(),
      cooldownMinutes: 2,
    });
    expect(timeline.scaleUp).to.deep.include({
      from: 1,
      to: 2,
      decidedAtS: 70,
      appliedAtS: 71.5,
      parentsFinishedFirst: true,
      childrenConsumedAtS: 75,
    });
    expect(timeline.scaleUp?.children.map((c) => c.shardId)).to.deep.equal(['s1', 's2']);
    expect(timeline.scaleDown).to.deep.include({
      from: 2,
      to: 1,
      parentsFinishedFirst: true,
      childrenConsumedAtS: 254,
    });
    expect(timeline.cooldownBlocks).to.deep.equal({ count: 1, firstAtS: 150, lastAtS: 150 });
    expect(timeline.budget).to.deep.equal({ used: 2, limit: 10 });
    expect(timeline).to.deep.include({ cooldownS: 120, scaleDownAfterScaleUpS: 173.5 });
    expect(renderScaleTimeline(timeline).join('\n'))
      .to.include('scale-up decided: 1 -> 2 shards')
      .and.include("parents finished (SHARD_END) before their children's first checkpoint: yes");
  });

  it('reports a change that did not happen as null, never as a figure', () => {
    const timeline = buildScaleTimeline({ overloadStartedAt: 0, runs: [run(60_000, 'none', 1, 1, false)], shards: [] });
    expect(timeline.scaleUp).to.equal(null);
    expect(timeline.scaleDown).to.equal(null);
  });
});

describe("describeRun (the local autoscaler's line)", () => {
  it('says the decision, the shard counts and the last reason, or the error line when there is no plan', () => {
    const plan = {
      decision: 'scale-up',
      currentShards: 1,
      finalShards: 2,
      reasons: ['a', 'busy'],
    } as unknown as ScalingPlan;
    expect(describeRun({ code: 3, plan, messages: [] })).to.equal('scale-up 1 -> 2 shards: busy');
    expect(describeRun({ code: 4, messages: ['BLOCKED: lock held'] })).to.equal('BLOCKED: lock held');
  });
});
