// The rule relative to normal, pure: shares from label counts, the margin, the minimum count, one alert per episode, the cooldown.
import { expect } from 'chai';
import { NegativeShareRule, shareRuleRanges } from '../../../../reporting/alerts/negative-share-rule';
import type { LabelCount, PostLabel } from '../../../../reporting/posts/post-reader';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const NOW = Date.UTC(2026, 10, 20, 10, 0, 0);

/** Counts for the last hour and, pooled evenly over the 7 previous days, the baseline. */
function counts(
  hour: Partial<Record<PostLabel, number>>,
  perDay: Partial<Record<PostLabel, number>>,
  now = NOW,
): LabelCount[] {
  const [last, ...days] = shareRuleRanges(now);
  const rows = (fromMs: number, byLabel: Partial<Record<PostLabel, number>>): LabelCount[] =>
    Object.entries(byLabel).map(([label, posts]) => ({
      bucketMs: fromMs,
      label: label as PostLabel,
      posts: posts ?? 0,
      scoreSum: 0,
      scored: 0,
    }));
  return [...rows(last!.fromMs, hour), ...days.flatMap((d) => rows(d.fromMs, perDay))];
}

const rule = (marginPoints = 20, minNegative = 10, cooldownMs = 30 * MIN): NegativeShareRule =>
  new NegativeShareRule({ marginPoints, minNegative, cooldownMs });

describe('NegativeShareRule', () => {
  it('reads the last hour and the same hour of each of the 7 previous days', () => {
    expect(shareRuleRanges(NOW)).to.deep.equal(
      [0, 1, 2, 3, 4, 5, 6, 7].map((d) => ({ fromMs: NOW - HOUR - d * DAY, toMs: NOW - d * DAY })),
    );
  });

  it('fires when the share is above the baseline by more than the margin, with the figures', () => {
    const finding = rule().evaluate(
      counts({ NEGATIVE: 12, POSITIVE: 8, UNSCORED: 30 }, { NEGATIVE: 2, NEUTRAL: 18 }),
      NOW,
    );
    expect(finding).to.deep.equal({
      fromMs: NOW - HOUR,
      toMs: NOW,
      negative: 12,
      scored: 20,
      share: 0.6,
      baselineNegative: 14,
      baselineScored: 140,
      baselineShare: 0.1,
      baselineDays: 7,
      marginPoints: 20,
    });
  });

  it('does not fire at exactly the margin (no floating-point slip: 45% over 25% is not above 20 points)', () => {
    expect(rule().evaluate(counts({ NEGATIVE: 45, POSITIVE: 55 }, { NEGATIVE: 25, POSITIVE: 75 }), NOW)).to.equal(
      undefined,
    );
    expect(rule().evaluate(counts({ NEGATIVE: 46, POSITIVE: 54 }, { NEGATIVE: 25, POSITIVE: 75 }), NOW)).to.not.equal(
      undefined,
    );
  });

  it('needs the minimum count of negative posts in the last hour', () => {
    expect(rule(20, 10).evaluate(counts({ NEGATIVE: 9, POSITIVE: 1 }, { POSITIVE: 10 }), NOW)).to.equal(undefined);
  });

  it('stays quiet without a baseline (no posts in those hours before)', () => {
    expect(rule().evaluate(counts({ NEGATIVE: 30 }, {}), NOW)).to.equal(undefined);
  });

  it('alerts once per episode, and again only after the share fell back and the cooldown passed', () => {
    const r = rule(20, 10, 30 * MIN);
    const high = (now: number): LabelCount[] =>
      counts({ NEGATIVE: 12, POSITIVE: 8 }, { NEGATIVE: 2, NEUTRAL: 18 }, now);
    const low = (now: number): LabelCount[] => counts({ NEGATIVE: 2, POSITIVE: 18 }, { NEGATIVE: 2, NEUTRAL: 18 }, now);
    const fired = (at: number, c: LabelCount[]): boolean => r.evaluate(c, at) !== undefined;
    expect(fired(NOW, high(NOW))).to.equal(true);
    expect(fired(NOW + 10 * MIN, high(NOW + 10 * MIN)), 'still the same episode').to.equal(false);
    expect(fired(NOW + 20 * MIN, low(NOW + 20 * MIN)), 'back to normal').to.equal(false);
    expect(fired(NOW + 25 * MIN, high(NOW + 25 * MIN)), 'within the cooldown').to.equal(false);
    expect(fired(NOW + 31 * MIN, high(NOW + 31 * MIN)), 'after the cooldown').to.equal(true);
  });

  it('keeps its state across a restart', () => {
    const first = rule();
    first.evaluate(counts({ NEGATIVE: 12, POSITIVE: 8 }, { NEGATIVE: 2, NEUTRAL: 18 }), NOW);
    const restarted = new NegativeShareRule({ marginPoints: 20, minNegative: 10, cooldownMs: 0 }, first.state());
    expect(restarted.evaluate(counts({ NEGATIVE: 12, POSITIVE: 8 }, { NEGATIVE: 2, NEUTRAL: 18 }), NOW + MIN)).to.equal(
      undefined,
    );
  });
});
