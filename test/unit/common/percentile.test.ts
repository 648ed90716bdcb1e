// Unit tests of the one nearest-rank percentile (reports, reconciliation, the scaler's sizing).
import { expect } from 'chai';
import { percentile, percentileOfSorted } from '../../../common/percentile';

describe('percentile', () => {
  it('picks the nearest rank and returns 0 for no values', () => {
    expect(percentileOfSorted([1, 2, 3, 4], 0.5)).to.equal(2);
    expect(percentileOfSorted([1, 2, 3, 4], 0.95)).to.equal(4);
    expect(percentileOfSorted([], 0.5)).to.equal(0);
  });

  it('sorts values given in any order', () => {
    expect(percentile([10, 1, 9, 2, 8, 3, 7, 4, 6, 5], 0.9)).to.equal(9);
    expect(percentile([], 0.9)).to.equal(0);
  });
});
