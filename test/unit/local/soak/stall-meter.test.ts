// StallMeter: the longest time with records pending and nothing delivered, as the chaos soak reports it (maxStallMs).
import { expect } from 'chai';
import { StallMeter } from '../../../../local/soak/stall-meter';

/** Feeds [t, accepted, delivered] samples. */
function meter(samples: ReadonlyArray<readonly [number, number, number | undefined]>): StallMeter {
  const m = new StallMeter();
  for (const [t, accepted, delivered] of samples) m.observe(t, accepted, delivered);
  return m;
}

describe('StallMeter', () => {
  it('reports no stall while delivery keeps moving or nothing is pending', () => {
    expect(
      meter([
        [0, 0, 0],
        [1_000, 10, 2],
        [2_000, 20, 9],
        [3_000, 20, 20],
        [60_000, 20, 20],
      ]).maxStallMs,
    ).to.equal(0);
  });

  it('measures from the last progress to the last sample that still shows none, with records pending', () => {
    const m = meter([
      [0, 10, 5],
      [1_000, 20, 8],
      [2_000, 30, 8],
      [90_000, 90, 8],
      [91_000, 95, 60],
      [92_000, 95, 95],
    ]);
    expect(m.maxStallMs).to.equal(89_000);
    expect(m.maxStallSeenAtMs).to.equal(90_000);
  });

  it('counts samples whose delivered count could not be read (database down) as no progress', () => {
    expect(
      meter([
        [0, 10, 10],
        [1_000, 20, 10],
        [2_000, 30, undefined],
        [40_000, 30, undefined],
        [41_000, 30, 30],
      ]).maxStallMs,
    ).to.equal(39_000);
  });

  it('keeps the longest of several stalls', () => {
    expect(
      meter([
        [0, 10, 1],
        [5_000, 10, 1],
        [6_000, 10, 5],
        [30_000, 10, 5],
        [31_000, 10, 10],
      ]).maxStallMs,
    ).to.equal(24_000);
  });
});
