// The sentiment settings: which analyzer, and the Comprehend adapter's rate limit, retries and language fallback.
import type { ConfigReader } from '../../common/config/config-reader';
import type { LocalLanguage } from './local/language-rules';
import { CONSUMER_SETTINGS as S } from '../config/consumer-settings';

export const ANALYZER_KINDS = ['local', 'comprehend', 'neutral'] as const;
export type AnalyzerKind = (typeof ANALYZER_KINDS)[number];

export interface SentimentConfig {
  readonly analyzer: AnalyzerKind;
  /** Language assumed when a post has no `lang` and the local detector cannot tell. */
  readonly fallbackLanguage: LocalLanguage;
  readonly comprehend: {
    /** Client-side limit on BatchDetectSentiment calls per second (Comprehend's default quota is 10). */
    readonly callsPerSecond: number;
    /** Attempts per call, including the first, on throttling and 5xx. */
    readonly maxAttempts: number;
    /** Also ask BatchDetectKeyPhrases and store the phrases with each post. */
    readonly keyPhrases: boolean;
  };
}

export const DEFAULT_SENTIMENT_CONFIG: SentimentConfig = Object.freeze({
  analyzer: S.sentimentAnalyzer.default,
  fallbackLanguage: S.sentimentFallbackLanguage.default,
  comprehend: Object.freeze({
    callsPerSecond: S.sentimentComprehendCallsPerSecond.default,
    maxAttempts: S.sentimentComprehendMaxAttempts.default,
    keyPhrases: S.sentimentComprehendKeyPhrases.default,
  }),
});

/** Reads SENTIMENT_* settings through the caller's reader (which collects every problem and finishes). */
export function readSentimentConfig(reader: ConfigReader): SentimentConfig {
  const defaults = DEFAULT_SENTIMENT_CONFIG;
  return {
    analyzer: reader.oneOf(S.sentimentAnalyzer.variable, ANALYZER_KINDS, defaults.analyzer),
    fallbackLanguage: reader.oneOf(
      S.sentimentFallbackLanguage.variable,
      ['en', 'es'] as const,
      defaults.fallbackLanguage,
    ),
    comprehend: {
      callsPerSecond: reader.number(S.sentimentComprehendCallsPerSecond.variable, defaults.comprehend.callsPerSecond, {
        min: 0.01,
        max: 1_000,
      }),
      maxAttempts: reader.integer(S.sentimentComprehendMaxAttempts.variable, defaults.comprehend.maxAttempts, {
        min: 1,
        max: 20,
      }),
      keyPhrases: reader.boolean(S.sentimentComprehendKeyPhrases.variable, defaults.comprehend.keyPhrases),
    },
  };
}
