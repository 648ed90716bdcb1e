// The strongest opposed pair of opinion words in different clauses, which MIXED needs.
import { expect } from 'chai';
import { OpinionEvidence } from '../../../../../consumer/sentiment/local/opinion-evidence';

const evidence = (items: ReadonlyArray<readonly [number, number]>): OpinionEvidence => {
  const collected = new OpinionEvidence();
  for (const [valence, clause] of items) collected.add(valence, clause);
  return collected;
};

describe('OpinionEvidence', () => {
  it('pairs the strongest positive and negative items of different clauses', () => {
    expect(
      evidence([
        [2.7, 0],
        [-2.5, 1],
      ]).opposed,
    ).to.equal(2.5);
    expect(
      evidence([
        [2.8, 0],
        [-3.1, 0],
      ]).opposed,
    ).to.equal(0);
    expect(
      evidence([
        [2.8, 0],
        [-3.1, 0],
        [-2.1, 1],
      ]).opposed,
    ).to.equal(2.1);
    expect(
      evidence([
        [3, 0],
        [1, 1],
        [-3, 0],
        [-2.5, 2],
      ]).opposed,
    ).to.equal(2.5);
    expect(
      evidence([
        [3, 2],
        [2.2, 1],
        [-3, 2],
      ]).opposed,
    ).to.equal(2.2);
  });

  it('keeps the strongest item of each side whatever its clause', () => {
    const collected = evidence([
      [1.2, 0],
      [2.9, 3],
      [-0.5, 1],
      [-2, 3],
    ]);
    expect([collected.strongestPositive, collected.strongestNegative]).to.deep.equal([2.9, 2]);
  });
});
