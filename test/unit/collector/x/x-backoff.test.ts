// X's documented reconnect schedule: linear network backoff, exponential HTTP backoff, 429 from one minute or until a later reset.
import { expect } from 'chai';
import { XBackoff } from '../../../../collector/x/x-backoff';

describe('XBackoff', () => {
  it('backs off linearly from 250 ms to 16 s on network errors', () => {
    const backoff = new XBackoff();
    const delays = Array.from({ length: 70 }, () => backoff.next({ kind: 'network' }, 0));
    expect(delays.slice(0, 4)).to.deep.equal([250, 500, 750, 1_000]);
    expect(delays[63]).to.equal(16_000);
    expect(Math.max(...delays)).to.equal(16_000);
  });

  it('backs off exponentially from 5 s to 320 s on HTTP errors', () => {
    const backoff = new XBackoff();
    expect(Array.from({ length: 9 }, () => backoff.next({ kind: 'http', status: 503 }, 0))).to.deep.equal([
      5_000, 10_000, 20_000, 40_000, 80_000, 160_000, 320_000, 320_000, 320_000,
    ]);
  });

  it('waits until a later x-rate-limit-reset on a 429, else exponentially from one minute', () => {
    const backoff = new XBackoff();
    expect(backoff.next({ kind: 'rate-limit', resetAtMs: 607_500 }, 7_500)).to.equal(600_000);
    const fresh = new XBackoff();
    expect([1, 2, 3].map(() => fresh.next({ kind: 'rate-limit' }, 0))).to.deep.equal([60_000, 120_000, 240_000]);
  });

  it('never waits less than the documented minimum when the reset is past or near by our clock (clock skew)', () => {
    const backoff = new XBackoff();
    const now = Date.parse('2026-12-06T12:00:00Z');
    // Past by 3 s, 1 h (X's clock behind ours), exactly now, 2 s ahead: hundreds of reconnects a second before the fix.
    const waits = [now - 3_000, now - 3_600_000, now, now + 2_000].map((resetAtMs) =>
      backoff.next({ kind: 'rate-limit', resetAtMs }, now),
    );
    expect(waits).to.deep.equal([60_000, 120_000, 240_000, 480_000]);
    expect(Math.min(...waits)).to.be.at.least(60_000);
  });

  it('starts each schedule over after a connection is established', () => {
    const backoff = new XBackoff();
    backoff.next({ kind: 'network' }, 0);
    backoff.next({ kind: 'http', status: 500 }, 0);
    backoff.reset();
    expect(backoff.next({ kind: 'network' }, 0)).to.equal(250);
    expect(backoff.next({ kind: 'http', status: 500 }, 0)).to.equal(5_000);
  });
});
