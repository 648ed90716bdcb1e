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
}

const SPANISH_SUPERLATIVE = /^(.{2,}?)(?:ísim|isim)([oa])s?$/;

export function buildLanguageModels(lexicons: LexiconSet): LanguageModels {
  const emoticon = (token: Token): number | undefined => lexicons.emoticons.get(token.text) ?? lexicons.emoticons.get(token.lower);
  const english = wordLookup(lexicons.english, ENGLISH_RULES);
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
      valence: (token) => (token.emoji ? lexicons.emoji.get(token.text) : english(token) ?? emoticon(token)),
    },
    es: {
      rules: SPANISH_RULES,
      valence: (token) => {
        if (token.emoji) return lexicons.emoji.get(token.text);
        return spanishWord(token) ?? emoticon(token) ?? inflected(spanishLexicon, token.lower) ?? superlative(spanishLexicon, token.lower);
      },
    },
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
  return lexicon.get(singular) ?? (singular.endsWith('a') ? lexicon.get(`${singular.slice(0, -1)}o`) : undefined)
    ?? (singular.endsWith('e') ? lexicon.get(singular.slice(0, -1)) : undefined);
}

/** "buenísimo" is "bueno" intensified: the base word's valence plus one booster step. */
function superlative(lexicon: Lexicon, lower: string): number | undefined {
  const match = SPANISH_SUPERLATIVE.exec(lower);
  if (match === null) return undefined;
  const base = lexicon.get(`${match[1]}${match[2]}`) ?? lexicon.get(`${match[1]}o`) ?? lexicon.get(`${match[1]}e`);
  if (base === undefined) return undefined;
  return base + (base > 0 ? BOOSTER_INCREMENT : -BOOSTER_INCREMENT);
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
