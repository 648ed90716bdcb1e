// The Comprehend call pacer: a burst up to capacity, then one call per 1/rate seconds, on an injected clock.
import { expect } from 'chai';
import { CallPacer } from '../../../../../consumer/sentiment/comprehend/call-pacer';

describe('CallPacer', () => {
  it('lets a full bucket through at once, then waits for refills at the configured rate', async () => {
    let now = 0;
    const waits: number[] = [];
    const bucket = new CallPacer({
      ratePerSecond: 2,
      capacity: 2,
      now: () => now,
      sleep: (ms) => {
        waits.push(ms);
        now += ms;
        return Promise.resolve();
      },
    });
    for (let i = 0; i < 5; i += 1) await bucket.take();
    expect(waits).to.deep.equal([500, 500, 500]);
    expect(now).to.equal(1_500);
  });

  it('serves concurrent callers one token each, in order', async () => {
    let now = 0;
    const bucket = new CallPacer({
      ratePerSecond: 10,
      capacity: 1,
      now: () => now,
      sleep: (ms) => {
        now += ms;
        return Promise.resolve();
      },
    });
    const order: number[] = [];
    await Promise.all([0, 1, 2].map((i) => bucket.take().then(() => order.push(i))));
    expect(order).to.deep.equal([0, 1, 2]);
    expect(now).to.equal(200);
  });

  it('refuses a rate that is not positive', () => {
    expect(() => new CallPacer({ ratePerSecond: 0 })).to.throw(RangeError);
  });
});
