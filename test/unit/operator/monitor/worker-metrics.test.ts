// Unit tests of the KCL 3 coordinator view: worker metric items, coordinator state items and lease throughput to one row per worker.
import { expect } from 'chai';
import { toCoordinatorView } from '../../../../operator/monitor/worker-metrics';
import { toLease, type KclLease } from '../../../../common/kcl-lease/kcl-lease';
import { renderReport } from '../../../../operator/monitor/report-table';

const lease = (key: string, owner: string | undefined, throughputKBps?: number): KclLease =>
  toLease({
    leaseKey: key,
    leaseCounter: 3,
    ...(owner === undefined ? {} : { leaseOwner: owner }),
    ...(throughputKBps === undefined ? {} : { throughputKBps }),
  }) as KclLease;

describe('toCoordinatorView', () => {
  it("reports each worker's newest metric sample, its operating range, leases and summed lease throughput", () => {
    const view = toCoordinatorView(
      [{ wid: 'w1', lut: 1_796_018_508, sts: { CPU: [20, 35.5] }, opr: { CPU: [80] } }],
      [
        { key: 'Leader', ownerName: 'w1' },
        { key: 'Migration3.0', cv: 'CLIENT_VERSION_3X' },
      ],
      [lease('shardId-0', 'w1', 12.5), lease('shardId-1', 'w1', 7.5)],
    );
    expect(view).to.deep.equal({
      leader: 'w1',
      clientVersion: 'CLIENT_VERSION_3X',
      workers: [
        {
          workerId: 'w1',
          lastUpdateAt: new Date(1_796_018_508_000).toISOString(),
          metrics: { CPU: { latest: 35.5, max: 80 } },
          leases: 2,
          throughputKBps: 20,
        },
      ],
    });
  });

  it('lists a lease owner that never reported metrics, and a worker with metrics but no lease', () => {
    const view = toCoordinatorView(
      [{ wid: 'idle', lut: 0, sts: {}, opr: {} }],
      [],
      [lease('shardId-0', 'busy'), lease('shardId-1', undefined)],
    );
    expect(view.workers.map((w) => [w.workerId, w.leases, w.lastUpdateAt, w.metrics])).to.deep.equal([
      ['busy', 1, null, {}],
      ['idle', 0, null, {}],
    ]);
    expect([view.leader, view.clientVersion]).to.deep.equal([null, null]);
  });
});

describe('toLease (KCL 3 attributes)', () => {
  it('reads checkpointOwner and throughputKBps, and skips items that are not leases', () => {
    const moving = toLease({
      leaseKey: 'shardId-0',
      leaseCounter: 4,
      leaseOwner: 'b',
      checkpointOwner: 'a',
      throughputKBps: 1.25,
    });
    expect([moving?.checkpointOwner, moving?.throughputKBps]).to.deep.equal(['a', 1.25]);
    expect(toLease({ leaseKey: 'shardId-0', leaseCounter: 4 })?.throughputKBps).to.equal(null);
    expect(toLease({ leaseKey: 'Migration3.0', entityType: 'MIGRATION' })).to.equal(undefined);
  });
});

describe('renderReport with a KCL 3 coordinator view', () => {
  it('prints the leader, client version and one line per worker under the shard table', () => {
    const coordinator = toCoordinatorView(
      [{ wid: 'w1', lut: 0, sts: { CPU: [42] }, opr: { CPU: [80] } }],
      [{ key: 'Leader', ownerName: 'w1' }],
      [lease('shardId-0', 'w1', 3)],
    );
    const text = renderReport({
      observedAt: 't',
      application: 'app',
      streamName: 's',
      shards: [],
      summary: { openShards: 0, maxTimeBehindMs: 0, staleLeases: 0, shardsWithoutLease: 0 },
      coordinator,
    });
    expect(text).to.include('KCL 3 coordinator: leader w1, client version unknown');
    expect(text).to.include('worker w1: 1 lease(s), 3.0 KB/s, CPU 42/80, reported never');
  });
});
