// The languages Amazon Comprehend's BatchDetectSentiment (and BatchDetectKeyPhrases) accept, and their per-call limits.

/**
 * From the Comprehend developer guide ("Languages supported in Amazon Comprehend", sentiment column); the key-phrase
 * column lists the same languages, so one grouping serves both calls.
 */
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

/**
 * BatchDetectSentiment and BatchDetectKeyPhrases: at most 25 documents per call, all of one language (Comprehend API
 * reference, API_BatchDetectSentiment.html and API_BatchDetectKeyPhrases.html, `TextList`).
 */
export const MAX_DOCUMENTS_PER_BATCH = 25;
/** Each document at most 5,000 bytes of UTF-8 (the same pages; a longer one fails the call with TextSizeLimitExceededException). */
export const MAX_DOCUMENT_BYTES = 5_000;
