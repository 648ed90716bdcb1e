// The label on the English held-out set (city transport and policy posts, labelled before issue 13's rule changes).
import { expect } from 'chai';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { labelAccuracy } from '../../../../tools/sentiment-evaluation/label-accuracy';
import { parseLabelledSet } from '../../../../tools/sentiment-evaluation/labelled-set';
import { LocalAnalyzer } from '../../../../consumer/sentiment/local-analyzer';
import { REPO_ROOT } from '../../../../common/repo-root';

const fixture = path.join(REPO_ROOT, 'test/fixtures/sentiment/held-out-en.json');
const cases = parseLabelledSet(fs.readFileSync(fixture, 'utf8'));

/**
 * Floors: the goal on positive + negative posts (0.72, NEUTRAL or MIXED a miss), and per class just under the
 * first scoring, before any change (41/48 positive, 32/48 negative, 10/16 neutral), so no class can silently get worse.
 */
const POLAR_FLOOR = 0.72;
const CLASS_FLOORS = { positive: 0.85, negative: 0.66, neutral: 0.62 } as const;

describe('LocalAnalyzer on the English held-out set', () => {
  const analyzer = new LocalAnalyzer();
  const accuracy = labelAccuracy(cases, (c) => analyzer.score(c.text).label);

  it('holds 112 posts: 48 positive, 48 negative, 16 neutral', () => {
    expect([
      accuracy.perClass.positive.items,
      accuracy.perClass.negative.items,
      accuracy.perClass.neutral.items,
    ]).to.deep.equal([48, 48, 16]);
  });

  it(`labels at least ${POLAR_FLOOR * 100}% of the positive and negative posts right`, () => {
    expect(accuracy.polarAccuracy).to.be.at.least(POLAR_FLOOR);
  });

  for (const c of ['positive', 'negative', 'neutral'] as const) {
    it(`keeps the ${c} posts at or above ${CLASS_FLOORS[c] * 100}%`, () => {
      expect(accuracy.perClass[c].right / accuracy.perClass[c].items).to.be.at.least(CLASS_FLOORS[c]);
    });
  }

  it('detects every post as English', () => {
    expect(cases.filter((c) => analyzer.detect(c.text) !== 'en').map((c) => c.text)).to.deep.equal([]);
  });
});
