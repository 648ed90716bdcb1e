// Window summary: newest minutes are incomplete, gaps are not zeros, rates are Sum/period.
import { expect } from 'chai';
import { summarizeWindow, type StreamMetricsWindow } from '../../../../operator/scaler/stream-metrics-window';
import { stepsBetween } from '../../../../operator/scaler/scaling-steps';

const T0 = Date.UTC(2026, 0, 5, 10);
const at = (minute: number, value: number): { timestamp: Date; value: number } => ({
  timestamp: new Date(T0 + minute * 60_000),
  value,
});
const policy = { incompleteMinutes: 3, recentMinutes: 5, sizingPercentile: 0.9 };

function window(bytes: { timestamp: Date; value: number }[]): StreamMetricsWindow {
  return {
    start: new Date(T0),
    end: new Date(T0 + 20 * 60_000),
    periodSeconds: 60,
    incomingBytes: bytes,
    incomingRecords: [],
    writeThrottled: [],
    getRecordsBytes: [],
    iteratorAgeMaxMs: [],
  };
}

describe('summarizeWindow', () => {
  it('ignores the newest incomplete minutes instead of reading their partial sums as a drop in load', () => {
    const bytes = Array.from({ length: 17 }, (_, m) => at(m, 6000)).concat([at(17, 60), at(18, 60)]);
    const load = summarizeWindow(window(bytes), policy);
    expect(load.writeBytesPerSec.mean).to.equal(100);
    expect(load.writeBytesPerSec.sizing).to.equal(100);
    expect(load.completeMinutes).to.equal(17);
  });

  it('averages only the minutes that have data: a gap is not a zero', () => {
    const load = summarizeWindow(window([at(0, 600), at(10, 1200)]), policy);
    expect(load.writeBytesPerSec.mean).to.equal(15);
    expect(load.minutesWithData).to.equal(2);
  });
});

describe('percentile and steps', () => {
  it('plans UpdateShardCount steps within 2x up and half down', () => {
    expect(stepsBetween(3, 13)).to.deep.equal([
      { from: 3, to: 6 },
      { from: 6, to: 12 },
      { from: 12, to: 13 },
    ]);
    expect(stepsBetween(9, 2)).to.deep.equal([
      { from: 9, to: 5 },
      { from: 5, to: 3 },
      { from: 3, to: 2 },
    ]);
    expect(stepsBetween(4, 4)).to.deep.equal([]);
  });
});
