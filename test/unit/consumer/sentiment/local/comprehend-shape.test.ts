// MIXED as Comprehend means it, and scores whose Positive - Negative follows the compound while the label stays the top score.
import { expect } from 'chai';
import { isMixed, toComprehendShape } from '../../../../../consumer/sentiment/local/comprehend-shape';
import type { ValenceScore } from '../../../../../consumer/sentiment/local/valence-scorer';

const score = (
  compound: number,
  pos: number,
  neg: number,
  strongestPositive = pos,
  strongestNegative = neg,
  opposed = Math.min(strongestPositive, strongestNegative),
): ValenceScore => ({
  compound,
  positive: 0,
  negative: 0,
  neutral: 1,
  positiveEvidence: pos,
  negativeEvidence: neg,
  strongestPositive,
  strongestNegative,
  opposed,
});

describe('toComprehendShape', () => {
  it('is MIXED only with a strong item on each side and balanced evidence', () => {
    expect(isMixed(score(0.05, 2.7, 2.5))).to.equal(true);
    expect(isMixed(score(0.3, 1.9, 1.9))).to.equal(false); // "good" and "late"-strength words are not strong evidence
    expect(isMixed(score(0.6, 6, 2.5))).to.equal(false); // one side dominates
    expect(isMixed(score(0, 3, 3, 1.5, 1.5))).to.equal(false); // many weak words are not one strong item
    expect(isMixed(score(0, 3, 3, 3, 3, 0))).to.equal(false); // strong words, but only within one clause
  });

  it('keeps the label the highest of four scores that sum to 1', () => {
    for (const c of [-0.9, -0.3, -0.05, -0.049, 0, 0.02, 0.05, 0.2, 0.99]) {
      for (const [pos, neg] of [
        [0, 0],
        [2, 0],
        [0, 2],
        [2, 1],
        [1, 2],
        [3, 2.9],
      ] as const) {
        const shape = toComprehendShape(score(c, pos, neg));
        const values = Object.values(shape.scores);
        expect(values.reduce((a, b) => a + b, 0)).to.be.closeTo(1, 1e-12);
        expect(Math.min(...values)).to.be.at.least(0);
        const top = Object.entries(shape.scores).sort((a, b) => b[1] - a[1])[0]?.[0];
        expect(top?.toUpperCase(), `compound ${c}, evidence ${pos}/${neg}`).to.equal(shape.label);
      }
    }
  });

  it('makes Positive - Negative rise with the compound instead of saturating', () => {
    const difference = (c: number): number => {
      const { scores } = toComprehendShape(score(c, c > 0 ? 2 : 0, c < 0 ? 2 : 0));
      return scores.Positive - scores.Negative;
    };
    const steps = [-0.9, -0.5, -0.2, -0.04, 0, 0.04, 0.2, 0.5, 0.9].map(difference);
    for (let i = 1; i < steps.length; i += 1) expect(steps[i] as number).to.be.greaterThan(steps[i - 1] as number);
    expect(difference(0.2)).to.be.lessThan(0.7);
    expect(difference(0.9)).to.be.greaterThan(0.9);
  });
});
