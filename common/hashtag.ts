// What a hashtag is, for every edge (collectors, decode, deployment): Unicode letters, combining marks, numbers and '_', NFC-normalised.

/**
 * Letters (\p{L}), marks (\p{M}: the vowel signs of Bengali or Devanagari, combining accents) and numbers (\p{N}), plus
 * '_'. Without \p{M}, `#বাংলা` stops at its first vowel sign. Compared and stored in Unicode NFC, so a tag typed with a
 * decomposed accent is the same tag.
 */
const TAG = '[\\p{L}\\p{M}\\p{N}_]+';
const WHOLE_TAG = new RegExp(`^${TAG}$`, 'u');

/** `tag` (without '#') NFC-normalised. */
export function normalizeHashtag(tag: string): string {
  return tag.normalize('NFC');
}

/** True when `tag` (without '#') is one whole hashtag. */
export function isHashtag(tag: string): boolean {
  return WHOLE_TAG.test(normalizeHashtag(tag));
}

/** The hashtags in `text`, NFC-normalised, without '#', in order of appearance (repeats kept). */
export function hashtagsIn(text: string): string[] {
  return [...text.normalize('NFC').matchAll(new RegExp(`#(${TAG})`, 'gu'))].map((match) => match[1] ?? '');
}

/** A pattern for hashtags and mentions (`#tag`, `@name`, dots allowed in names), for stripping them from text. */
export const TAG_OR_MENTION_PATTERN = '[#@][\\p{L}\\p{M}\\p{N}_.]+';
