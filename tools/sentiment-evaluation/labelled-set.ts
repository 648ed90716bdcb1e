// Parses a hand-labelled held-out set (test/fixtures/sentiment/*.json): `{ about, cases: [{ expected, text, lang? }] }`.
import type { SentimentClass } from './sentiment-metrics';

export interface LabelledText {
  readonly expected: SentimentClass;
  readonly text: string;
  /** 'en' or 'es' when the set says so; otherwise the analyzer detects it. */
  readonly lang?: 'en' | 'es';
}

const EXPECTED: ReadonlySet<string> = new Set(['positive', 'negative', 'neutral']);

/** Throws SyntaxError naming the first case without a known `expected` class or a string `text`. */
export function parseLabelledSet(content: string): LabelledText[] {
  const value = JSON.parse(content) as { cases?: unknown };
  if (!Array.isArray(value.cases)) throw new SyntaxError('expected an object with a "cases" array');
  return value.cases.map((item: unknown, index) => {
    const c = item as { expected?: unknown; text?: unknown; lang?: unknown };
    if (typeof c.text !== 'string' || typeof c.expected !== 'string' || !EXPECTED.has(c.expected)) {
      throw new SyntaxError(`case ${index}: expected { expected: positive|negative|neutral, text }`);
    }
    const lang = c.lang === 'en' || c.lang === 'es' ? c.lang : undefined;
    return { expected: c.expected as SentimentClass, text: c.text, ...(lang ? { lang } : {}) };
  });
}
