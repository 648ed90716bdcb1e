// English and Spanish stop words from maintained packages, looked up by a post's language.
import { eng } from 'stopword';
import stopwordsIso from 'stopwords-iso';

/** The languages whose stop words are removed; a post in any other or no language gets both lists. */
export const TERM_LANGUAGES = ['en', 'es'] as const;

/**
 * Spanish: stopwords-iso's list (732 words, with every form of estar, haber, tener). English: the stopword package's
 * NLTK-style list (108 words); stopwords-iso's English list (1,298) holds topic words a city cares about ("fire",
 * "line", "new") and would hide them.
 */
const LISTS: Record<(typeof TERM_LANGUAGES)[number], readonly string[]> = { en: eng, es: stopwordsIso.es ?? [] };

const byLanguage = new Map<string, ReadonlySet<string>>(
  TERM_LANGUAGES.map((lang) => [lang, new Set(LISTS[lang].map((w) => w.normalize('NFC').toLowerCase()))]),
);
const both: ReadonlySet<string> = new Set(TERM_LANGUAGES.flatMap((lang) => [...byLanguage.get(lang)!]));

/**
 * The stop words for `lang` (an ISO 639-1 code as stored in the posts' `lang` column, e.g. `es`, `en-GB`):
 * its own list for English or Spanish, the union of both otherwise (language unknown or mixed).
 */
export function stopWordsFor(lang: string | null): ReadonlySet<string> {
  const base = lang?.toLowerCase().split(/[-_]/)[0];
  return (base !== undefined && byLanguage.get(base)) || both;
}
