// Tone markers: emoji, emoticons, laughter and interjections, which set a post's tone rather than evaluate something.
import type { Token } from './tokenize';

/** Laughter as the tokenizer writes it ("jajaja" -> "jaja"). */
export const LAUGHTER: ReadonlySet<string> = new Set([
  'lol',
  'lmao',
  'lmfao',
  'rofl',
  'haha',
  'hehe',
  'jaja',
  'jeje',
  'xd',
]);

/** Interjections the lexicons score (English and Spanish): an exclamation, not an opinion about anything. */
const INTERJECTIONS: ReadonlySet<string> = new Set([
  'wow',
  'ha',
  'hah',
  'yay',
  'woo',
  'woohoo',
  'yippee',
  'hooray',
  'ugh',
  'meh',
  'argh',
  'ouch',
  'oops',
  'aww',
  'yikes',
  'ew',
  'eww',
  'bah',
  'guau',
  'puaj',
  'uf',
]);

/**
 * A token that sets the post's tone (a wink after a jab, a laugh at bad luck, "wow") rather than stating an opinion about
 * something: an emoji, an emoticon (a token that does not start with a letter or digit: ":-p", "<3"), laughter or an
 * interjection. It counts in the compound and in the evidence balance, but is not strong evidence for MIXED.
 */
export function isToneMarker(token: Token): boolean {
  if (token.emoji) return true;
  const first = token.lower.charCodeAt(0);
  const wordStart = (first >= 97 && first <= 122) || (first >= 48 && first <= 57) || first > 127;
  return !wordStart || LAUGHTER.has(token.lower) || INTERJECTIONS.has(token.lower);
}
