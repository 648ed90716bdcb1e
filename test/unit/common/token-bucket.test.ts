// The token bucket and the per-shard rate limiter, driven by a fake clock.
import { expect } from 'chai';
import { TokenBucket } from '../../../common/token-bucket';
import { ShardRateLimiter } from '../../../producer/pipeline/shard-rate-limiter';

describe('TokenBucket', () => {
  it('starts full and refuses a take larger than what is left', () => {
    const bucket = new TokenBucket(100, 100, 0);
    expect(bucket.tryTake(60, 0)).to.equal(true);
    expect(bucket.tryTake(60, 0)).to.equal(false);
    expect(bucket.available(0)).to.equal(40);
  });

  it('refills at its rate as the clock advances, up to the capacity', () => {
    const bucket = new TokenBucket(100, 100, 0);
    bucket.tryTake(100, 0);
    expect(bucket.available(250)).to.equal(25);
    expect(bucket.available(10_000)).to.equal(100);
  });

  it('says how long until a take would succeed', () => {
    const bucket = new TokenBucket(1_000, 1_000, 0);
    bucket.tryTake(1_000, 0);
    expect(bucket.waitMs(500, 0)).to.equal(500);
    expect(bucket.waitMs(500, 500)).to.equal(0);
  });

  it('lets a take bigger than the capacity through a full bucket, leaving a debt', () => {
    const bucket = new TokenBucket(10, 10, 0);
    expect(bucket.tryTake(25, 0)).to.equal(true);
    expect(bucket.available(0)).to.equal(-15);
    expect(bucket.tryTake(1, 1_000)).to.equal(false);
  });
});

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
    expect(limiter.waitMs('shard-a', record, 0)).to.equal(Math.ceil((record - (1024 * 1024 - 10 * record)) * 1_000 / (1024 * 1024)));
  });

  it('does not limit records whose shard is unknown', () => {
    const limiter = new ShardRateLimiter(1);
    for (let i = 0; i < 100; i += 1) expect(limiter.tryTake(undefined, 1_000, 0)).to.equal(true);
  });
});
