// The pure planner over recorded metric-series fixtures: each scenario's decision, steps, budget and reasons.
import { expect } from 'chai';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { planScaling, type PlannerInput } from '../../../../operator/scaler/shard-planner';
import { windowFromExport } from '../../../../operator/scaler/metrics-export';
import { DEFAULT_SCALING_POLICY } from '../../../../operator/scaler/scaling-policy';
import type { ScalingPlan } from '../../../../operator/scaler/scaling-plan';
import { REPO_ROOT } from '../../../../common/repo-root';

const FIXTURES = path.join(REPO_ROOT, 'test/fixtures/metrics');

interface Fixture {
  now: string;
  description: string;
  stream: PlannerInput['stream'];
  ledger: PlannerInput['ledger'];
  metrics: unknown;
  expect: { decision: string; finalShards: number; steps: unknown[]; reasonIncludes?: string; emergency?: boolean };
}

function load(name: string): Fixture {
  return JSON.parse(fs.readFileSync(path.join(FIXTURES, `${name}.json`), 'utf8')) as Fixture;
}

function plan(f: Fixture, overrides: Partial<PlannerInput> = {}): ScalingPlan {
  return planScaling({
    now: new Date(f.now),
    stream: f.stream,
    ledger: f.ledger,
    window: windowFromExport(f.metrics),
    policy: DEFAULT_SCALING_POLICY,
    ...overrides,
  });
}

describe('shard planner over recorded metric series', () => {
  for (const name of [
    'steady',
    'ramp',
    'spike',
    'idle-scale-down',
    'throttling-low-average',
    'lagging-consumer',
    'exhausted-budget',
    'on-demand',
  ]) {
    const f = load(name);
    it(`${name}: ${f.description}`, () => {
      const p = plan(f);
      expect(p.decision, p.reasons.join('\n')).to.equal(f.expect.decision);
      expect(p.finalShards).to.equal(f.expect.finalShards);
      expect(p.steps).to.deep.equal(f.expect.steps);
      if (f.expect.reasonIncludes !== undefined) expect(p.reasons.join('\n')).to.include(f.expect.reasonIncludes);
      if (f.expect.emergency !== undefined) expect(p.budget.emergency).to.equal(f.expect.emergency);
    });
  }

  it('spends the reserve only in an emergency: throttling with 8 operations used still scales up', () => {
    const f = load('throttling-low-average');
    const ledger = load('exhausted-budget').ledger;
    const p = plan(f, { ledger });
    expect(p.decision).to.equal('scale-up');
    expect(p.budget).to.include({ usedLast24h: 8, availableBefore: 2, availableAfter: 1, emergency: true });
  });

  it('cuts a multi-step plan short when the budget allows fewer steps, and says so', () => {
    const f = load('idle-scale-down');
    const ledger = load('exhausted-budget')
      .ledger.slice(0, 6)
      .map((e) => ({ ...e, at: new Date(Date.parse(f.now) - 20 * 3600_000).toISOString() }));
    const p = plan(f, { ledger });
    expect(p.steps).to.deep.equal([
      { from: 8, to: 4 },
      { from: 4, to: 2 },
    ]);
    expect(p.desiredShards).to.equal(1);
    expect(p.reasons.join('\n')).to.include('budget allows 2 of the 3 steps');
  });

  it('refuses to plan a change while the stream is not ACTIVE', () => {
    const f = load('ramp');
    const p = plan(f, { stream: { ...f.stream, status: 'UPDATING' } });
    expect(p.decision).to.equal('blocked');
    expect(p.steps).to.deep.equal([]);
  });

  it('never exceeds maxShards and reports blocked when already there', () => {
    const f = load('ramp');
    expect(plan(f, { policy: { ...DEFAULT_SCALING_POLICY, maxShards: 3 } }).finalShards).to.equal(3);
    expect(plan(f, { policy: { ...DEFAULT_SCALING_POLICY, maxShards: 2 } }).decision).to.equal('blocked');
  });

  it('never plans a scale-down below the measured load: 64 shards carrying 45 MiB/s with maxShards 32 is a blocked conflict', () => {
    const f = overloadedFixture();
    const p = plan(f, { policy: { ...DEFAULT_SCALING_POLICY, maxShards: 32 } });
    expect(p.decision, p.reasons.join('\n')).to.equal('blocked');
    expect(p.steps).to.deep.equal([]);
    expect(p.finalShards).to.equal(64);
    expect(p.reasons.join('\n')).to.include('above maxShards 32').and.to.include('the measured load needs at least 45');
  });

  it('still plans a scale-up that maxShards caps below the load, naming the conflict', () => {
    const f = overloadedFixture(45);
    const p = plan(
      { ...f, stream: { ...f.stream, openShardCount: 16 } },
      { policy: { ...DEFAULT_SCALING_POLICY, maxShards: 32 } },
    );
    expect(p.decision).to.equal('scale-up');
    expect(p.finalShards).to.equal(32);
    expect(p.reasons.join('\n')).to.include('conflict: maxShards 32 is below the 45 shard(s)');
  });

  it('still scales down to maxShards when that capacity carries the load', () => {
    const f = overloadedFixture(20);
    const p = plan(f, { policy: { ...DEFAULT_SCALING_POLICY, maxShards: 32 } });
    expect(p.decision).to.equal('scale-down');
    expect(p.finalShards).to.equal(32);
  });

  it('does not scale down within the cooldown after a scaling operation', () => {
    const f = load('idle-scale-down');
    const p = plan(f, {
      ledger: [{ at: new Date(Date.parse(f.now) - 10 * 60_000).toISOString(), from: 4, to: 8, operator: 'x' }],
    });
    expect(p.decision).to.equal('blocked');
    expect(p.reasons.join('\n')).to.include('cooldown');
  });

  it('prices the change in shard-hours', () => {
    const p = plan(load('ramp'));
    expect(p.cost.hourlyChangeUsd).to.be.closeTo(3 * 0.015, 1e-9);
    expect(p.cost.monthlyChangeUsd).to.be.closeTo(3 * 0.015 * 730, 1e-6);
  });

  it('holds with no data rather than reading an empty window as zero load', () => {
    const f = load('idle-scale-down');
    const p = plan(f, {
      window: { ...windowFromExport(f.metrics), incomingBytes: [], incomingRecords: [], getRecordsBytes: [] },
    });
    expect(p.decision).to.equal('none');
    expect(p.reasons.join('\n')).to.include('no data');
  });
});

/** The steady fixture rescaled: 64 open shards carrying `mib` MiB/s in (and read once). */
function overloadedFixture(mib = 45): Fixture {
  const f = load('steady');
  const metrics = f.metrics as { series: Record<string, number[]> };
  const perMinute = mib * 1024 * 1024 * 60;
  const series = {
    ...metrics.series,
    IncomingBytes: metrics.series.IncomingBytes.map(() => perMinute),
    IncomingRecords: metrics.series.IncomingRecords.map(() => mib * 100 * 60),
    'GetRecords.Bytes': metrics.series['GetRecords.Bytes'].map(() => perMinute),
  };
  return { ...f, stream: { ...f.stream, openShardCount: 64 }, metrics: { ...metrics, series } };
}
