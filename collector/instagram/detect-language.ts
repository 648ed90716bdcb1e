// Instagram gives no language: detect it from the caption with tinyld, after removing hashtags, mentions and links.
import { detect } from 'tinyld';
import { TAG_OR_MENTION_PATTERN } from '../../common/hashtag';

const NOISE = new RegExp(`(?:https?:\\/\\/\\S+)|(?:${TAG_OR_MENTION_PATTERN})`, 'gu');

/** ISO 639-1 code, or undefined when the caption has too little text to tell (tinyld answers ''). */
export function detectLanguage(caption: string): string | undefined {
  const words = caption.replace(NOISE, ' ').replace(/\s+/g, ' ').trim();
  if (words.length < 3) return undefined;
  const code = detect(words);
  return /^[a-z]{2}$/.test(code) ? code : undefined;
}
