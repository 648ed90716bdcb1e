// The languages Amazon Comprehend's DetectSentiment / BatchDetectSentiment accept, and its per-call limits.

/** From the Comprehend developer guide ("Languages supported in Amazon Comprehend", sentiment column). */
export const COMPREHEND_SENTIMENT_LANGUAGES: ReadonlySet<string> = new Set([
  'en',
  'es',
  'fr',
  'de',
  'it',
  'pt',
  'ar',
  'hi',
  'ja',
  'ko',
  'zh',
  'zh-TW',
]);

/** BatchDetectSentiment: at most 25 documents per call, all of one language. */
export const MAX_DOCUMENTS_PER_BATCH = 25;
/** Each document at most 5,000 bytes of UTF-8. */
export const MAX_DOCUMENT_BYTES = 5_000;
