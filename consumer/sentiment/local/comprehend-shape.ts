// Turns a valence score into Comprehend's shape: a label and four scores summing to 1, MIXED when both sides are strong.
import type { SentimentLabel, SentimentScores } from '../sentiment-analyzer';
import type { ValenceScore } from './valence-scorer';

/** The paper's three-class thresholds on the compound score. */
export const POSITIVE_THRESHOLD = 0.05;
export const NEGATIVE_THRESHOLD = -0.05;
/**
 * MIXED, as Amazon Comprehend means it: strong positive and strong negative evidence in the same post. Strong: a positive
 * and a negative opinion word of at least this valence after the rules, in different clauses (VADER scale: "great" 3.1,
 * "wonderful" 2.7, "terrible" -2.5, "sad" -2.1; not "good" 1.9 or "late" -0.9). Tone markers (emoji, emoticons, laughter,
 * interjections) are not opinion words; words of one clause make one evaluation ("letting the terrorists win"). Chosen
 * on the dev split of the rated tweets.
 */
export const MIXED_MIN_STRENGTH = 2;
/** ... and neither side dominating: the weaker side's summed evidence at least this fraction of the stronger one's. */
export const MIXED_MIN_BALANCE = 0.75;

export interface ComprehendShape {
  readonly label: SentimentLabel;
  readonly scores: SentimentScores;
}

/** Why the label is what it is, in words, for explanations. */
export function labelReason(score: ValenceScore): string {
  if (isMixed(score)) {
    return (
      `MIXED: a positive and a negative opinion word in different clauses, the weaker ${score.opposed.toFixed(2)} ` +
      `>= ${MIXED_MIN_STRENGTH}, balance ${balanceOf(score).toFixed(2)} >= ${MIXED_MIN_BALANCE}`
    );
  }
  const label = labelOf(score.compound);
  if (label === 'NEUTRAL') return `NEUTRAL: compound ${score.compound.toFixed(3)} within ±${POSITIVE_THRESHOLD}`;
  return `${label}: compound ${score.compound.toFixed(3)} ${label === 'POSITIVE' ? '>=' : '<='} ${label === 'POSITIVE' ? POSITIVE_THRESHOLD : NEGATIVE_THRESHOLD}`;
}

export function isMixed(score: ValenceScore): boolean {
  return score.opposed >= MIXED_MIN_STRENGTH && balanceOf(score) >= MIXED_MIN_BALANCE;
}

function balanceOf(score: ValenceScore): number {
  const stronger = Math.max(score.positiveEvidence, score.negativeEvidence);
  return stronger === 0 ? 0 : Math.min(score.positiveEvidence, score.negativeEvidence) / stronger;
}

/**
 * Label: MIXED (see above), otherwise the compound against ±0.05, so the label agrees with the evaluation's classes.
 * Scores: the label's score is always the highest, and Positive - Negative is a monotone function of the compound
 * (|compound| x 6 inside the neutral band, 0.51 rising linearly to 1 outside it), so averaging Positive - Negative (the
 * dashboard's and report's mean score) follows the compound's intensity instead of saturating at ±1. The losing side
 * gets a share of the rest in proportion to the evidence balance; on MIXED the Mixed score takes 0.5 + balance / 4.
 */
export function toComprehendShape(score: ValenceScore): ComprehendShape {
  const mixed = isMixed(score);
  const balance = balanceOf(score);
  const s = Math.abs(score.compound);
  const lead = s < POSITIVE_THRESHOLD ? 6 * s : 0.51 + (0.49 * (s - POSITIVE_THRESHOLD)) / (1 - POSITIVE_THRESHOLD);
  const mixedScore = mixed ? 0.5 + balance / 4 : 0;
  const rest = 1 - mixedScore;
  const difference = lead * rest;
  const free = rest - difference;
  const loser = (free * balance) / 8;
  const winner = difference + loser;
  const neutral = free - 2 * loser;
  const positiveWins = score.compound > 0 || (score.compound === 0 && score.positiveEvidence >= score.negativeEvidence);
  const scores: SentimentScores = {
    Positive: positiveWins ? winner : loser,
    Negative: positiveWins ? loser : winner,
    Neutral: neutral,
    Mixed: mixedScore,
  };
  return { label: mixed ? 'MIXED' : labelOf(score.compound), scores };
}

export function labelOf(compound: number): Exclude<SentimentLabel, 'MIXED'> {
  if (compound >= POSITIVE_THRESHOLD) return 'POSITIVE';
  if (compound <= NEGATIVE_THRESHOLD) return 'NEGATIVE';
  return 'NEUTRAL';
}
