// The token bucket, driven by a fake clock.
import { expect } from 'chai';
import { TokenBucket } from '../../../common/token-bucket';

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
