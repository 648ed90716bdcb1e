// Tells English from Spanish by function words and Spanish-only characters; undefined when it cannot tell.
import type { LocalLanguage } from './language-rules';
import type { Token } from './tokenize';

/** Frequent function words of one language that are not words of the other. */
const ENGLISH = new Set([
  'the',
  'and',
  'is',
  'are',
  'was',
  'were',
  'you',
  'your',
  'this',
  'that',
  'it',
  'its',
  "it's",
  "i'm",
  'im',
  'my',
  'of',
  'to',
  'in',
  'for',
  'with',
  'have',
  'has',
  'had',
  'be',
  'been',
  'not',
  'just',
  'what',
  'so',
  'at',
  'on',
  'will',
  'can',
  'do',
  "don't",
  'dont',
  'we',
  'they',
  'she',
  'get',
  'got',
  'all',
  'out',
  'up',
  'about',
  'from',
  'but',
  'if',
  'or',
  'an',
  'am',
  'our',
  'their',
  'there',
  'would',
  'should',
  'really',
  'very',
  'too',
  'how',
  'when',
  'who',
  'why',
  'day',
]);

const SPANISH = new Set([
  'el',
  'la',
  'los',
  'las',
  'de',
  'del',
  'que',
  'qué',
  'en',
  'es',
  'un',
  'una',
  'por',
  'con',
  'para',
  'muy',
  'pero',
  'como',
  'cómo',
  'está',
  'esta',
  'estoy',
  'lo',
  'se',
  'su',
  'sus',
  'mi',
  'te',
  'tu',
  'yo',
  'al',
  'más',
  'porque',
  'cuando',
  'todo',
  'nada',
  'hoy',
  'ya',
  'eso',
  'este',
  'esto',
  'fue',
  'hay',
  'tengo',
  'tiene',
  'ser',
  'les',
  'nos',
  'ni',
  'sin',
  'sí',
  'bien',
  'también',
  'pues',
  'día',
  'mañana',
  'gracias',
  'ese',
  'esa',
  'son',
  'era',
  'estar',
  'parece',
]);

const SPANISH_MARKS = /[ñ¿¡áéíóú]/gi;

/**
 * 'en' or 'es' when one language's evidence wins, undefined on a tie (for example a post of emoji only). Evidence:
 * function words, Spanish-only marks, and words that only one language's sentiment lexicon knows (`lexicalHint`).
 */
export function detectLanguage(
  tokens: readonly Token[],
  text: string,
  lexicalHint: (lower: string) => LocalLanguage | undefined = () => undefined,
): LocalLanguage | undefined {
  let english = 0;
  let spanish = text.match(SPANISH_MARKS)?.length ?? 0;
  for (const token of tokens) {
    if (ENGLISH.has(token.lower)) english += 1;
    else if (SPANISH.has(token.lower)) spanish += 1;
    else if (!token.emoji && token.lower.length > 2) {
      const hint = lexicalHint(token.lower);
      if (hint === 'en') english += 1;
      else if (hint === 'es') spanish += 1;
    }
  }
  if (english > spanish) return 'en';
  if (spanish > english) return 'es';
  return undefined;
}
