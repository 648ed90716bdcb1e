// Turns a valence score into Comprehend's shape: a label and four scores summing to 1, MIXED when both sides are strong.
import type { SentimentLabel, SentimentScores } from '../sentiment-analyzer';
import type { ValenceScore } from './valence-scorer';

/** The paper's three-class thresholds on the compound score. */
export const POSITIVE_THRESHOLD = 0.05;
export const NEGATIVE_THRESHOLD = -0.05;
/** Each side needs at least this much evidence (about one clearly polar word, e.g. "good" 1.9, "sad" -2.1) for MIXED. */
export const MIXED_MIN_EVIDENCE = 1.5;
/** ... and the weaker side at least this fraction of the stronger one. */
export const MIXED_MIN_BALANCE = 0.5;

export interface ComprehendShape {
  readonly label: SentimentLabel;
  readonly scores: SentimentScores;
}

/**
 * Label: MIXED when both sides are strong and balanced, otherwise the compound against ±0.05 (so the label agrees with
 * the evaluation's classes). Scores: Neutral = 1 / (1 + (strength / 0.05)^2), which is 0.5 exactly at the threshold;
 * the rest is shared between Mixed (by balance) and Positive / Negative (by their evidence).
 */
export function toComprehendShape(score: ValenceScore): ComprehendShape {
  const { positiveEvidence: pos, negativeEvidence: neg } = score;
  const stronger = Math.max(pos, neg);
  const balance = stronger === 0 ? 0 : Math.min(pos, neg) / stronger;
  const mixed = Math.min(pos, neg) >= MIXED_MIN_EVIDENCE && balance >= MIXED_MIN_BALANCE;
  const strength = mixed ? (pos + neg) / Math.sqrt((pos + neg) ** 2 + 15) : Math.abs(score.compound);
  const neutral = 1 / (1 + (strength / POSITIVE_THRESHOLD) ** 2);
  const polar = 1 - neutral;
  const mixedShare = mixed ? balance : balance / 4;
  const sided = polar * (1 - mixedShare);
  const positiveShare = pos + neg === 0 ? (score.compound >= 0 ? 1 : 0) : pos / (pos + neg);
  const scores: SentimentScores = {
    Positive: sided * positiveShare,
    Negative: sided * (1 - positiveShare),
    Neutral: neutral,
    Mixed: polar * mixedShare,
  };
  return { label: mixed ? 'MIXED' : labelOf(score.compound), scores };
}

export function labelOf(compound: number): Exclude<SentimentLabel, 'MIXED'> {
  if (compound >= POSITIVE_THRESHOLD) return 'POSITIVE';
  if (compound <= NEGATIVE_THRESHOLD) return 'NEGATIVE';
  return 'NEUTRAL';
}
