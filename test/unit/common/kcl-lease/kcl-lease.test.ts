// Unit tests for the one reading of a KCL lease item: KCL 2 and 3 attributes, multi-stream keys, and the seeded item.
import { expect } from 'chai';
import { leaseBelongsTo, shardIdOf, toLease } from '../../../../common/kcl-lease/kcl-lease';
import { newLeaseItem } from '../../../../common/kcl-lease/new-lease-item';

describe('KCL lease items', () => {
  it('reads a KCL 2 lease with its hash-key range and parents (a Set, as lib-dynamodb returns an SS)', () => {
    const lease = toLease({
      leaseKey: 'shardId-000000000004',
      leaseOwner: 'worker-a',
      leaseCounter: 12,
      checkpoint: '4960',
      checkpointSubSequenceNumber: 3,
      ownerSwitchesSinceCheckpoint: 1,
      parentShardId: new Set(['shardId-000000000001']),
      startingHashKey: '0',
      endingHashKey: '170141183460469231731687303715884105727',
    });
    expect(lease).to.deep.include({
      shardId: 'shardId-000000000004',
      leaseOwner: 'worker-a',
      leaseCounter: 12,
      checkpoint: '4960',
      checkpointSubSequenceNumber: 3,
      ownerSwitchesSinceCheckpoint: 1,
      parentShardIds: ['shardId-000000000001'],
      startingHashKey: '0',
      endingHashKey: '170141183460469231731687303715884105727',
      checkpointOwner: null,
      throughputKBps: null,
    });
  });

  it('reads absent or empty fields as null, 0 or [] (an unowned lease has no leaseOwner)', () => {
    const lease = toLease({ leaseKey: 'shardId-0', leaseCounter: 0, leaseOwner: '' });
    expect(lease).to.deep.include({
      leaseOwner: null,
      checkpoint: null,
      checkpointSubSequenceNumber: 0,
      parentShardIds: [],
      startingHashKey: null,
    });
  });

  it('reads KCL 3 fields and skips items that are not leases', () => {
    expect(
      toLease({ leaseKey: 'shardId-0', leaseCounter: 4, leaseOwner: 'b', checkpointOwner: 'a', throughputKBps: 1.25 }),
    ).to.deep.include({ checkpointOwner: 'a', throughputKBps: 1.25 });
    expect(toLease({ leaseKey: 'Migration3.0', entityType: 'MIGRATION' })).to.equal(undefined);
  });

  it('takes the shard id from a multi-stream key and keeps only the named stream', () => {
    const key = '123456789012:tweets:1700000000:shardId-000000000003';
    expect(shardIdOf(key)).to.equal('shardId-000000000003');
    expect(leaseBelongsTo(key, 'tweets')).to.equal(true);
    expect(leaseBelongsTo(key, 'telematics')).to.equal(false);
    expect(leaseBelongsTo('shardId-000000000003', 'telematics')).to.equal(true);
  });

  it('seeds the item the KCL writes for a new shard, which reads back as an unowned TRIM_HORIZON lease', () => {
    const item = newLeaseItem({
      shardId: 'shardId-000000000005',
      startingHashKey: '10',
      endingHashKey: '20',
      parentShardIds: ['shardId-000000000002'],
    });
    expect(item.parentShardId).to.be.instanceOf(Set);
    expect(toLease(item)).to.deep.include({
      leaseOwner: null,
      leaseCounter: 0,
      checkpoint: 'TRIM_HORIZON',
      parentShardIds: ['shardId-000000000002'],
      startingHashKey: '10',
      endingHashKey: '20',
    });
    expect(newLeaseItem({ shardId: 's', startingHashKey: '0', endingHashKey: '1' })).to.not.have.property(
      'parentShardId',
    );
  });
});
