// Scoring an analyzer against human ratings, the VADER paper's way: ratings / 4, classes at ±0.05, Pearson r and F1.
import { POSITIVE_THRESHOLD } from '../../consumer/sentiment/local/comprehend-shape';

export type SentimentClass = 'negative' | 'neutral' | 'positive';
export const CLASSES: readonly SentimentClass[] = ['negative', 'neutral', 'positive'];
/** The local analyzer's own class threshold (comprehend-shape.ts), so evaluation and labelling cannot drift apart. */
export const CLASS_THRESHOLD = POSITIVE_THRESHOLD;

export interface ClassF1 {
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  readonly support: number;
}

export interface SentimentMetrics {
  readonly documents: number;
  readonly pearsonR: number;
  readonly perClass: Readonly<Record<SentimentClass, ClassF1>>;
  /** Mean of the three classes' F1. */
  readonly macroF1: number;
  /** Classes' F1 weighted by their share of the human labels (the headline figure). */
  readonly weightedF1: number;
  /** Share of documents whose class matches (equals micro-averaged F1). */
  readonly accuracy: number;
}

export function classOf(score: number): SentimentClass {
  if (score >= CLASS_THRESHOLD) return 'positive';
  if (score <= -CLASS_THRESHOLD) return 'negative';
  return 'neutral';
}

/** `predicted` and `truth` are both on -1..1 (divide a -4..4 rating by 4 first). */
export function sentimentMetrics(predicted: readonly number[], truth: readonly number[]): SentimentMetrics {
  if (predicted.length !== truth.length || predicted.length === 0)
    throw new RangeError('need equally many predictions and ratings, at least one');
  const n = predicted.length;
  const counts = new Map(CLASSES.map((c) => [c, { tp: 0, fp: 0, fn: 0, support: 0 }]));
  let right = 0;
  for (let i = 0; i < n; i += 1) {
    const p = classOf(predicted[i] as number);
    const t = classOf(truth[i] as number);
    (counts.get(t) as { support: number }).support += 1;
    if (p === t) {
      right += 1;
      (counts.get(p) as { tp: number }).tp += 1;
    } else {
      (counts.get(p) as { fp: number }).fp += 1;
      (counts.get(t) as { fn: number }).fn += 1;
    }
  }
  const perClass = Object.fromEntries(
    CLASSES.map((c) => {
      const { tp, fp, fn, support } = counts.get(c) as { tp: number; fp: number; fn: number; support: number };
      const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
      const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
      const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
      return [c, { precision, recall, f1, support }];
    }),
  ) as Record<SentimentClass, ClassF1>;
  const macroF1 = CLASSES.reduce((sum, c) => sum + perClass[c].f1, 0) / CLASSES.length;
  const weightedF1 = CLASSES.reduce((sum, c) => sum + perClass[c].f1 * perClass[c].support, 0) / n;
  return { documents: n, pearsonR: pearson(predicted, truth), perClass, macroF1, weightedF1, accuracy: right / n };
}

export function pearson(xs: readonly number[], ys: readonly number[]): number {
  const n = xs.length;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i += 1) {
    mx += xs[i] as number;
    my += ys[i] as number;
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i += 1) {
    const dx = (xs[i] as number) - mx;
    const dy = (ys[i] as number) - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxx === 0 || syy === 0 ? 0 : sxy / Math.sqrt(sxx * syy);
}
