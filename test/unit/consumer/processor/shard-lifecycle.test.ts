// The shard lifecycle table: the daemon's actions move a lease new -> running -> ended, and lease-gone is final.
import { expect } from 'chai';
import { nextShardState, type ShardAction, type ShardState } from '../../../../consumer/processor/shard-lifecycle';

describe('shard lifecycle', () => {
  it('runs after initialize and ends after shardEnded or shutdownRequested', () => {
    expect(nextShardState('new', 'initialize')).to.equal('running');
    expect(nextShardState('running', 'shardEnded')).to.equal('ended');
    expect(nextShardState('running', 'shutdownRequested')).to.equal('ended');
  });

  it('loses the lease from every state, and never leaves lease-gone', () => {
    for (const state of ['new', 'running', 'ended'] as const)
      expect(nextShardState(state, 'leaseLost')).to.equal('lease-gone');
    for (const action of ['initialize', 'shardEnded', 'shutdownRequested', 'leaseLost'] as ShardAction[])
      expect(nextShardState('lease-gone', action)).to.equal('lease-gone');
  });

  it('ignores an action a state has no arrow for', () => {
    const still: Array<[ShardState, ShardAction]> = [
      ['new', 'shardEnded'],
      ['new', 'shutdownRequested'],
      ['running', 'initialize'],
      ['ended', 'initialize'],
      ['ended', 'shutdownRequested'],
    ];
    for (const [state, action] of still) expect(nextShardState(state, action)).to.equal(state);
  });
});
