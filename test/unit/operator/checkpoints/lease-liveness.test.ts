// liveLeases: the rule `checkpoints reset` refuses by (a lease renewed, taken or given up between two reads is held by a running worker).
import { expect } from 'chai';
import type { KclLease } from '../../../../common/kcl-lease/kcl-lease';
import { liveLeases } from '../../../../operator/checkpoints/lease-liveness';

const lease = (leaseKey: string, leaseOwner: string | null, leaseCounter: number): KclLease => ({
  leaseKey,
  shardId: leaseKey,
  leaseOwner,
  leaseCounter,
  checkpoint: '49590338271490256608559692538361571095921575989136588898',
  checkpointSubSequenceNumber: 0,
  pendingCheckpoint: null,
  ownerSwitchesSinceCheckpoint: 0,
  parentShardIds: [],
  childShardIds: [],
  startingHashKey: null,
  endingHashKey: null,
  checkpointOwner: null,
  throughputKBps: null,
});

describe('liveLeases', () => {
  it('names an owned lease whose counter moved, with both counters', () => {
    expect(
      liveLeases([lease('s0', 'w1', 7), lease('s1', 'w1', 3)], [lease('s0', 'w1', 9), lease('s1', 'w1', 3)]),
    ).to.deep.equal([{ leaseKey: 's0', owner: 'w1', counterBefore: 7, counterAfter: 9 }]);
  });

  it('counts a lease taken by another worker or given up as live; a stopped owner or no owner is not', () => {
    const before = [
      lease('taken', 'w1', 4),
      lease('released', 'w1', 4),
      lease('stopped', 'w1', 4),
      lease('free', null, 2),
    ];
    const after = [
      lease('taken', 'w2', 5),
      lease('released', null, 5),
      lease('stopped', 'w1', 4),
      lease('free', null, 2),
    ];
    expect(liveLeases(before, after).map((l) => l.leaseKey)).to.deep.equal(['taken', 'released']);
  });

  it('ignores a lease created between the two reads (the KCL makes one for a new shard, counter 0)', () => {
    expect(liveLeases([], [lease('new', null, 0)])).to.deep.equal([]);
  });
});
