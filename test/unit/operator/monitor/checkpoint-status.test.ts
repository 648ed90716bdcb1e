// The monitor's pure report: shard status after a reshard, lagging, unowned, finished, and stale leases across observations.
import { expect } from 'chai';
import { buildReport, type ReportInput } from '../../../../operator/monitor/checkpoint-status';
import { toLease, type KclLease } from '../../../../common/kcl-lease/kcl-lease';
import type { ShardLag } from '../../../../operator/monitor/shard-lag-probe';
import { renderReport } from '../../../../operator/monitor/report-table';

const T0 = new Date('2026-01-05T10:00:00Z');
const lease = (item: Record<string, unknown>): KclLease =>
  toLease({ leaseCounter: 1, checkpoint: 'TRIM_HORIZON', ...item }) as KclLease;
const lag = (timeBehindMs: number, recordsBehind = 0): ShardLag => ({
  timeBehindMs,
  recordsBehind,
  recordsBehindCapped: false,
  millisBehindLatest: timeBehindMs,
});

function input(overrides: Partial<ReportInput>): ReportInput {
  return {
    now: T0,
    application: 'app',
    streamName: 's',
    leases: [],
    shards: [],
    lags: new Map(),
    previous: undefined,
    failoverTimeMs: 10_000,
    lagThresholdMs: 60_000,
    ...overrides,
  };
}

describe('checkpoint report', () => {
  // After UpdateShardCount 1 -> 2: shard 0 closed (parent), shards 1 and 2 open children.
  const shards = [
    { shardId: 's0', parentShardId: null, adjacentParentShardId: null, open: false },
    { shardId: 's1', parentShardId: 's0', adjacentParentShardId: null, open: true },
    { shardId: 's2', parentShardId: 's0', adjacentParentShardId: null, open: true },
  ];

  it('says children wait for their parent while the parent lease has not reached SHARD_END', () => {
    const { report } = buildReport(
      input({
        shards,
        leases: [lease({ leaseKey: 's0', leaseOwner: 'w', checkpoint: '4955' })],
        lags: new Map([['s0', lag(5_000, 3)]]),
      }),
    );
    expect(report.shards.map((r) => [r.shardId, r.status])).to.deep.equal([
      ['s0', 'ok'],
      ['s1', 'waiting-for-parent'],
      ['s2', 'waiting-for-parent'],
    ]);
    expect(report.summary.shardsWithoutLease).to.equal(0);
  });

  it('reports a child without a lease once the parent is finished, and the parent as finished', () => {
    const leases = [
      lease({ leaseKey: 's0', leaseOwner: 'w', checkpoint: 'SHARD_END' }),
      lease({ leaseKey: 's1', leaseOwner: 'w', parentShardId: new Set(['s0']) }),
    ];
    const { report } = buildReport(input({ shards, leases, lags: new Map([['s1', lag(120_000, 50)]]) }));
    expect(report.shards.map((r) => r.status)).to.deep.equal(['finished', 'lagging', 'no-lease']);
    expect(report.shards[1]?.parentShardId).to.equal('s0');
    expect(report.summary).to.include({ maxTimeBehindMs: 120_000, shardsWithoutLease: 1 });
  });

  it('reports a lease without an owner as unowned', () => {
    const { report } = buildReport(input({ shards: [shards[1]!], leases: [lease({ leaseKey: 's1' })] }));
    expect(report.shards[0]?.status).to.equal('unowned');
  });

  it('flags a stale lease only when the same owner kept the same counter for the failover time, and never a finished one', () => {
    const leases = [
      lease({ leaseKey: 's1', leaseOwner: 'w', leaseCounter: 5 }),
      lease({ leaseKey: 's2', leaseOwner: 'w', leaseCounter: 9 }),
      lease({ leaseKey: 's0', leaseOwner: 'w', checkpoint: 'SHARD_END' }),
    ];
    const first = buildReport(input({ shards, leases }));
    expect(first.report.shards.some((r) => r.staleLease)).to.equal(false);
    const later = new Date(T0.getTime() + 11_000);
    const moved = [leases[0]!, { ...leases[1]!, leaseCounter: 10 }, leases[2]!];
    const second = buildReport(input({ now: later, shards, leases: moved, previous: first.state }));
    expect(second.report.shards.map((r) => [r.shardId, r.staleLease])).to.deep.equal([
      ['s0', false],
      ['s1', true],
      ['s2', false],
    ]);
    expect(second.report.shards[1]?.counterUnchangedMs).to.equal(11_000);
    expect(renderReport(second.report)).to.include('stale-lease');
  });

  it('reads multi-stream lease keys and string-set parent ids', () => {
    const l = toLease({
      leaseKey: '123456789012:tweets:1700000000:shardId-000000000003',
      leaseCounter: 2,
      checkpoint: 'LATEST',
      parentShardId: new Set(['shardId-000000000001']),
    });
    expect(l).to.include({ shardId: 'shardId-000000000003', checkpoint: 'LATEST' });
    expect(l?.parentShardIds).to.deep.equal(['shardId-000000000001']);
  });
});
