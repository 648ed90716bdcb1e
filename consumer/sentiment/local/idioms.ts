// Finds a language's multi-word idioms in a token list: the idiom's valence goes on its last word, its other words are spent.
import type { LanguageRules } from './language-rules';
import type { Token } from './tokenize';

export interface IdiomMatch {
  readonly start: number;
  /** Index of the idiom's last word. */
  readonly end: number;
  readonly valence: number;
  readonly phrase: string;
}

interface IdiomIndex {
  readonly first: ReadonlySet<string>;
  /** "w1 w2" of every idiom: most first words ("the", "in") are frequent, so the pair is checked before longer phrases. */
  readonly pairs: ReadonlySet<string>;
  readonly longest: number;
}

const INDEXES = new WeakMap<LanguageRules, IdiomIndex>();

function index(rules: LanguageRules): IdiomIndex {
  let cached = INDEXES.get(rules);
  if (cached === undefined) {
    const phrases = [...rules.idioms.keys()].map((phrase) => phrase.split(' '));
    cached = {
      first: new Set(phrases.map((words) => words[0] as string)),
      pairs: new Set(phrases.map((words) => `${words[0] as string} ${words[1] as string}`)),
      longest: Math.max(0, ...phrases.map((words) => words.length)),
    };
    INDEXES.set(rules, cached);
  }
  return cached;
}

/**
 * Non-overlapping idioms, longest first at each start; an idiom does not span clause punctuation. An idiom written with a
 * final " ." ("can't wait .") matches only when a clause ends right after it.
 */
const NONE: readonly IdiomMatch[] = [];

export function findIdioms(tokens: readonly Token[], rules: LanguageRules): readonly IdiomMatch[] {
  if (rules.idioms.size === 0) return NONE;
  const { first, pairs, longest } = index(rules);
  let matches: IdiomMatch[] | undefined;
  for (let i = 0; i + 1 < tokens.length; i += 1) {
    if (
      !first.has((tokens[i] as Token).lower) ||
      !pairs.has(`${(tokens[i] as Token).lower} ${(tokens[i + 1] as Token).lower}`)
    )
      continue;
    for (let length = Math.min(longest, tokens.length - i); length >= 2; length -= 1) {
      let phrase = (tokens[i] as Token).lower;
      let crossesClause = false;
      for (let k = 1; k < length; k += 1) {
        const token = tokens[i + k] as Token;
        if (token.clauseStart) crossesClause = true;
        phrase += ` ${token.lower}`;
      }
      const atClauseEnd = i + length >= tokens.length || (tokens[i + length] as Token).clauseStart;
      // A phrase written with a final " ." matches only at the end of a clause ("can't wait!", not "can't wait here").
      const valence = crossesClause
        ? undefined
        : (rules.idioms.get(phrase) ?? (atClauseEnd ? rules.idioms.get(`${phrase} .`) : undefined));
      if (valence !== undefined) {
        (matches ??= []).push({ start: i, end: i + length - 1, valence, phrase });
        i += length - 1;
        break;
      }
    }
  }
  return matches ?? NONE;
}
