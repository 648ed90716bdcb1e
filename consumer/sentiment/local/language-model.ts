// One language's rules plus its lexicon lookups (words, shared emoticons and emoji), built once from the loaded lexicons.
import type { Lexicon, LexiconSet } from './lexicon-loader';
import { BOOSTER_INCREMENT, type LanguageRules, type LocalLanguage } from './language-rules';
import { ENGLISH_RULES } from './english-rules';
import { SPANISH_RULES } from './spanish-rules';
import type { Token } from './tokenize';

export interface LanguageModels extends Readonly<Record<LocalLanguage, LanguageModel>> {
  /** The language whose lexicon alone knows this lower-case word (evidence for language detection). */
  lexicalHint(lower: string): LocalLanguage | undefined;
}

export interface LanguageModel {
  readonly rules: LanguageRules;
  /** The token's valence on VADER's -4..4 scale, or undefined when it carries no sentiment. */
  valence(token: Token): number | undefined;
  /** A comparative or superlative of a sentiment word ("slower", "happiest", "worse", "peor"). */
  isComparative(lower: string): boolean;
  /** The sentiment word a comparative not in the lexicon was scored as ("slower" -> "slow"), for explanations. */
  comparativeBase(lower: string): string | undefined;
}

const SPANISH_SUPERLATIVE = /^(.{2,}?)(?:ísim|isim)([oa])s?$/;

export function buildLanguageModels(lexicons: LexiconSet): LanguageModels {
  const emoticon = (token: Token): number | undefined =>
    lexicons.emoticons.get(token.text) ?? lexicons.emoticons.get(token.lower);
  const englishWord = wordLookup(withEntries(lexicons.english, ENGLISH_RULES.interjections), ENGLISH_RULES);
  const englishKnown = (word: string): number | undefined =>
    lexicons.english.get(word) ?? ENGLISH_RULES.supplement.get(word);
  const memo = memoised((lower) => englishComparativeBase(lower, englishKnown));
  // Most words are not -er / -est forms: test the ending before paying for the cache lookup.
  const englishBase = (lower: string): string | undefined => (mayBeComparative(lower) ? memo(lower) : undefined);
  const english = (token: Token): number | undefined => {
    const value = englishWord(token) ?? ENGLISH_RULES.supplement.get(token.lower);
    if (value !== undefined) return value;
    const base = englishBase(token.lower);
    return base === undefined ? undefined : englishKnown(base);
  };
  const spanishLexicon = withAccentFreeKeys(lexicons.spanish);
  const spanishWord = wordLookup(spanishLexicon, SPANISH_RULES);
  return {
    lexicalHint: (lower) => {
      const inEnglish = lexicons.english.has(lower);
      if (inEnglish === spanishLexicon.has(lower)) return undefined;
      return inEnglish ? 'en' : 'es';
    },
    en: {
      rules: ENGLISH_RULES,
      valence: (token) => (token.emoji ? lexicons.emoji.get(token.lower) : (english(token) ?? emoticon(token))),
      isComparative: (lower) => ENGLISH_IRREGULAR.has(lower) || englishBase(lower) !== undefined,
      comparativeBase: (lower) => (lexicons.english.has(lower) ? undefined : englishBase(lower)),
    },
    es: {
      rules: SPANISH_RULES,
      valence: (token) => {
        if (token.emoji) return lexicons.emoji.get(token.lower);
        return (
          spanishWord(token) ??
          emoticon(token) ??
          inflected(spanishLexicon, token.lower) ??
          superlative(spanishLexicon, token.lower)
        );
      },
      isComparative: (lower) => SPANISH_COMPARATIVES.has(lower),
      comparativeBase: () => undefined,
    },
  };
}

const ENGLISH_IRREGULAR: ReadonlySet<string> = new Set(['better', 'best', 'worse', 'worst']);
const SPANISH_COMPARATIVES: ReadonlySet<string> = new Set(['mejor', 'mejores', 'peor', 'peores']);
/** -er / -est words whose stem is a sentiment word but that are not its comparative. */
const NOT_COMPARATIVE: ReadonlySet<string> = new Set([
  'later',
  'latest',
  'lover',
  'user',
  'super',
  'never',
  'winner',
  'sinner',
  'killer',
]);

/**
 * The sentiment word an -er / -est form compares ("slower" -> "slow", "nicer" -> "nice", "happiest" -> "happy",
 * "bigger" -> "big"), when `known` has it; undefined otherwise.
 */
function englishComparativeBase(lower: string, known: (word: string) => number | undefined): string | undefined {
  if (lower.length < 5 || NOT_COMPARATIVE.has(lower)) return undefined;
  const suffix = lower.endsWith('est') ? 3 : lower.endsWith('er') ? 2 : 0;
  if (suffix === 0) return undefined;
  const stem = lower.slice(0, -suffix);
  const candidates = [
    stem,
    `${stem}e`,
    stem.endsWith('i') ? `${stem.slice(0, -1)}y` : '',
    stem.length > 2 && stem.at(-1) === stem.at(-2) ? stem.slice(0, -1) : '',
  ];
  return candidates.find((word) => word.length > 2 && known(word) !== undefined);
}

function mayBeComparative(lower: string): boolean {
  const n = lower.length;
  if (n < 5) return false;
  const last = lower.charCodeAt(n - 1);
  return (
    (last === 114 /* r */ && lower.charCodeAt(n - 2) === 101) /* e */ || (last === 116 /* t */ && lower.endsWith('est'))
  );
}

/** Caches a pure string function; the cache is cleared when it holds 20,000 entries, so a long-running consumer stays bounded. */
function memoised(fn: (key: string) => string | undefined): (key: string) => string | undefined {
  const cache = new Map<string, string | null>();
  return (key) => {
    const hit = cache.get(key);
    if (hit !== undefined) return hit ?? undefined;
    if (cache.size >= 20_000) cache.clear();
    const value = fn(key);
    cache.set(key, value ?? null);
    return value;
  };
}

function wordLookup(lexicon: Lexicon, rules: LanguageRules): (token: Token) => number | undefined {
  return (token) => {
    if (rules.notSentiment.has(token.lower)) return undefined;
    const value = lexicon.get(token.lower) ?? lexicon.get(token.text);
    if (value !== undefined || token.squeezed === undefined) return value;
    return rules.notSentiment.has(token.squeezed) ? undefined : lexicon.get(token.squeezed);
  };
}

/** Lexicons list the masculine singular: "buenas", "buena", "buenos" find "bueno"; "increíbles" finds "increíble". */
function inflected(lexicon: Lexicon, lower: string): number | undefined {
  if (lower.length < 4) return undefined;
  const last = lower[lower.length - 1];
  if (last === 'a') return lexicon.get(`${lower.slice(0, -1)}o`);
  if (last !== 's') return undefined;
  const singular = lower.slice(0, -1);
  return (
    lexicon.get(singular) ??
    (singular.endsWith('a') ? lexicon.get(`${singular.slice(0, -1)}o`) : undefined) ??
    (singular.endsWith('e') ? lexicon.get(singular.slice(0, -1)) : undefined)
  );
}

/** "buenísimo" is "bueno" intensified: the base word's valence plus one booster step. */
function superlative(lexicon: Lexicon, lower: string): number | undefined {
  const match = SPANISH_SUPERLATIVE.exec(lower);
  if (match === null) return undefined;
  const base = lexicon.get(`${match[1]}${match[2]}`) ?? lexicon.get(`${match[1]}o`) ?? lexicon.get(`${match[1]}e`);
  if (base === undefined) return undefined;
  return base + (base > 0 ? BOOSTER_INCREMENT : -BOOSTER_INCREMENT);
}

/** The lexicon with `entries` added or replacing its own (a copy: the loaded lexicon stays as published). */
function withEntries(lexicon: Lexicon, entries: ReadonlyMap<string, number>): Lexicon {
  return entries.size === 0 ? lexicon : new Map([...lexicon, ...entries]);
}

/** Posts often omit accents: "cancion" finds "canción". */
function withAccentFreeKeys(lexicon: Lexicon): Lexicon {
  const map = new Map(lexicon);
  for (const [word, value] of lexicon) {
    const bare = word.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
    if (!map.has(bare)) map.set(bare, value);
  }
  return map;
}
