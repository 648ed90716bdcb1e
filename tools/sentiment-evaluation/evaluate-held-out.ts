// Scores the hand-labelled held-out sets with the local analyzer's label (the sets no rule was chosen from).
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { LocalAnalyzer } from '../../consumer/sentiment/local-analyzer';
import { labelAccuracy, type LabelAccuracy } from './label-accuracy';
import { parseLabelledSet } from './labelled-set';

export interface HeldOutSet {
  /** Short name for reports: "en", "es-2", "es-1". */
  readonly name: string;
  readonly file: string;
  /** Keep only the cases of this language (held-out.json mixes en and es). */
  readonly lang?: 'en' | 'es';
}

/** The project's held-out sets, under test/fixtures/sentiment of the checkout `root`. */
export function heldOutSets(root: string): HeldOutSet[] {
  const dir = path.join(root, 'test/fixtures/sentiment');
  return [
    { name: 'en', file: path.join(dir, 'held-out-en.json') },
    { name: 'es-2', file: path.join(dir, 'held-out-es-2.json') },
    { name: 'en-1', file: path.join(dir, 'held-out.json'), lang: 'en' },
    { name: 'es-1', file: path.join(dir, 'held-out.json'), lang: 'es' },
  ];
}

/** Each set's label accuracy; the language is detected (as in the pipeline when a post has no `lang`). */
export function evaluateHeldOut(sets: readonly HeldOutSet[], analyzer: LocalAnalyzer): Record<string, LabelAccuracy> {
  const result: Record<string, LabelAccuracy> = {};
  for (const set of sets) {
    const cases = parseLabelledSet(fs.readFileSync(set.file, 'utf8')).filter(
      (c) => set.lang === undefined || c.lang === set.lang,
    );
    result[set.name] = labelAccuracy(cases, (c) => analyzer.score(c.text).label);
  }
  return result;
}
