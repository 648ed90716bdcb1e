// Accuracy of the label on a labelled set: on its positive and negative items (NEUTRAL or MIXED is a miss), and per class.
import type { SentimentLabel } from '../../consumer/sentiment/sentiment-analyzer';
import type { LabelledText } from './labelled-set';
import { CLASSES, type SentimentClass } from './sentiment-metrics';

export interface LabelAccuracy {
  readonly items: number;
  /** Share of the positive and negative items labelled POSITIVE / NEGATIVE respectively (the held-out figure). */
  readonly polarAccuracy: number;
  /** Per expected class: right / items (NEUTRAL is right for neutral; MIXED is never right). */
  readonly perClass: Readonly<Record<SentimentClass, { readonly right: number; readonly items: number }>>;
}

/** The class a label counts as: MIXED counts as neutral, as on the tweets (neither side wins). */
export function classOfLabel(label: SentimentLabel): SentimentClass {
  return label === 'POSITIVE' ? 'positive' : label === 'NEGATIVE' ? 'negative' : 'neutral';
}

export function labelAccuracy(
  set: readonly LabelledText[],
  labelOf: (item: LabelledText) => SentimentLabel,
): LabelAccuracy {
  const perClass = Object.fromEntries(CLASSES.map((c) => [c, { right: 0, items: 0 }])) as Record<
    SentimentClass,
    { right: number; items: number }
  >;
  for (const item of set) {
    const label = labelOf(item);
    const tally = perClass[item.expected];
    tally.items += 1;
    if (label !== 'MIXED' && classOfLabel(label) === item.expected) tally.right += 1;
  }
  const polar = perClass.positive.items + perClass.negative.items;
  return {
    items: set.length,
    polarAccuracy: polar === 0 ? 0 : (perClass.positive.right + perClass.negative.right) / polar,
    perClass,
  };
}
