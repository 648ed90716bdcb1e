// Parses a rated corpus in the VADER ground-truth format: `id<TAB>mean rating (-4..4)<TAB>text` per line.

export interface RatedText {
  readonly id: string;
  /** The raters' mean, normalised to -1..1 (divided by 4). */
  readonly rating: number;
  readonly text: string;
}

export const RATING_SCALE = 4;

/** Skips blank lines; throws on a line that does not have the three fields or a numeric rating. */
export function parseRatedCorpus(content: string): RatedText[] {
  const rows: RatedText[] = [];
  content.split(/\r?\n/).forEach((line, index) => {
    if (line.trim() === '') return;
    const [id, rating, ...rest] = line.split('\t');
    const value = Number(rating);
    if (id === undefined || rest.length === 0 || !Number.isFinite(value))
      throw new SyntaxError(`line ${index + 1}: expected id<TAB>rating<TAB>text`);
    rows.push({ id, rating: value / RATING_SCALE, text: rest.join('\t') });
  });
  return rows;
}

export type CorpusSplit = 'dev' | 'test';

/**
 * The fixed dev/test split of a rated corpus: odd numeric ids are dev (rules and constants may be chosen by looking at
 * them), even ids are test (only reported). A non-numeric id is test.
 */
export function splitOf(id: string): CorpusSplit {
  const n = Number(id);
  return Number.isInteger(n) && n % 2 === 1 ? 'dev' : 'test';
}
