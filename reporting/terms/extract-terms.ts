// Pure: the terms (words and two-word phrases) of one post's text, without stop words, links, mentions or hashtags.
import { stopWordsFor } from './stop-words';

/** Words shorter than this (in code points) are not terms ("ok", "ya"). */
export const MIN_TERM_LENGTH = 3;
/** Terms longer than this (in code points) are cut off: a stored key phrase stays a short label. */
export const MAX_TERM_LENGTH = 60;

const NOISE = /https?:\/\/\S+|www\.\S+|[@#][\p{L}\p{M}\p{N}_]+/gu;
/** A word: letters, marks and digits, with inner apostrophes (don't, l'eau) and hyphens (e-bike). */
const WORD = /[\p{L}\p{M}\p{N}]+(?:['’-][\p{L}\p{M}\p{N}]+)*/gu;
const DIGITS = /^[\p{N}'’-]+$/u;

/** English clitics: "isn't" is "is" (a stop word), "metro's" is "metro". */
const CLITIC = /(?:n't|'s|'re|'ll|'ve|'d|'m)$/;

/** Lower case, NFC, curly apostrophe as straight, English clitic dropped: one spelling per term. */
export function normalizeWord(word: string): string {
  return word.normalize('NFC').toLowerCase().replace(/’/g, "'").replace(CLITIC, '');
}

function isContent(word: string, stop: ReadonlySet<string>): boolean {
  return [...word].length >= MIN_TERM_LENGTH && !DIGITS.test(word) && !stop.has(word);
}

/**
 * The distinct terms of `text`, in order of first appearance: each content word, then each pair of adjacent content
 * words as a phrase ("transporte público"); a stop word, link, mention or hashtag between two words breaks the pair.
 * `lang` picks the stop words (stop-words.ts); null means both English and Spanish.
 */
export function extractTerms(text: string, lang: string | null): string[] {
  const stop = stopWordsFor(lang);
  const terms = new Set<string>();
  const phrases: string[] = [];
  for (const chunk of text.normalize('NFC').split(NOISE)) {
    let previous: string | undefined;
    for (const match of chunk.matchAll(WORD)) {
      const word = normalizeWord(match[0]);
      if (!isContent(word, stop)) {
        previous = undefined;
        continue;
      }
      terms.add(word);
      if (previous !== undefined) phrases.push(`${previous} ${word}`);
      previous = word;
    }
  }
  for (const phrase of phrases) terms.add(phrase);
  return [...terms].filter((term) => [...term].length <= MAX_TERM_LENGTH);
}

/**
 * Key phrases from an analyzer (Comprehend's BatchDetectKeyPhrases `KeyPhrases[].Text`) in the same spelling as
 * extractTerms: normalised, leading and trailing stop words dropped ("the bus fares" -> "bus fares"), distinct.
 */
export function normalizeKeyPhrases(phrases: readonly string[], lang: string | null): string[] {
  const stop = stopWordsFor(lang);
  const terms = new Set<string>();
  for (const phrase of phrases) {
    const words = [...phrase.normalize('NFC').replace(NOISE, ' ').matchAll(WORD)].map((m) => normalizeWord(m[0]));
    while (words.length > 0 && !isContent(words[0]!, stop)) words.shift();
    while (words.length > 0 && !isContent(words[words.length - 1]!, stop)) words.pop();
    const term = words.join(' ');
    if (term !== '' && [...term].length <= MAX_TERM_LENGTH) terms.add(term);
  }
  return [...terms];
}

/**
 * The one path every reader takes from a post to its terms: the analyzer's stored key phrases when it stored some
 * (Comprehend in the cloud), else the terms extracted from the text (the local analyzer).
 */
export function termsOfPost(post: {
  readonly text: string;
  readonly lang: string | null;
  readonly keyPhrases?: readonly string[] | null;
}): string[] {
  return post.keyPhrases !== undefined && post.keyPhrases !== null && post.keyPhrases.length > 0
    ? normalizeKeyPhrases(post.keyPhrases, post.lang)
    : extractTerms(post.text, post.lang);
}
