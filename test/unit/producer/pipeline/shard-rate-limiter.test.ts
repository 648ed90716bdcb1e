// Per-shard token buckets for bytes and records, sized as a percentage of the shard write quota.
import { expect } from 'chai';
import { ShardRateLimiter } from '../../../../producer/pipeline/shard-rate-limiter';

describe('ShardRateLimiter', () => {
  it('allows 1,500 records per second per shard at the default 150 percent', () => {
    const limiter = new ShardRateLimiter(150);
    let taken = 0;
    while (limiter.tryTake('shard-a', 10, 0)) taken += 1;
    expect(taken).to.equal(1_500);
    expect(limiter.tryTake('shard-b', 10, 0)).to.equal(true);
    expect(limiter.waitMs('shard-a', 10, 0)).to.be.greaterThan(0);
    expect(limiter.tryTake('shard-a', 10, 1)).to.equal(true);
  });

  it('limits bytes per shard to the percentage of 1 MiB per second', () => {
    const limiter = new ShardRateLimiter(100);
    const record = 100 * 1024;
    let taken = 0;
    while (limiter.tryTake('shard-a', record, 0)) taken += 1;
    expect(taken).to.equal(10);
    expect(limiter.waitMs('shard-a', record, 0)).to.equal(
      Math.ceil(((record - (1024 * 1024 - 10 * record)) * 1_000) / (1024 * 1024)),
    );
  });

  it('does not limit records whose shard is unknown', () => {
    const limiter = new ShardRateLimiter(1);
    for (let i = 0; i < 100; i += 1) expect(limiter.tryTake(undefined, 1_000, 0)).to.equal(true);
  });
});
