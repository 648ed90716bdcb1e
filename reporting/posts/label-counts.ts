// Posts per sentiment label, with every label present (zero when absent).
import { POST_LABELS, type PostLabel } from './post-reader';

export type LabelCounts = Record<PostLabel, number>;

export function emptyCounts(): LabelCounts {
  return Object.fromEntries(POST_LABELS.map((label) => [label, 0])) as LabelCounts;
}
