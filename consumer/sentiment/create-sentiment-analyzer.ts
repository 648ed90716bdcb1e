// Chooses the analyzer from configuration: the embedded local scorer, Amazon Comprehend, or the NEUTRAL stub.
import type { AwsClientFactory } from '../../common/aws/client-factory';
import type { Logger } from '../../common/logger';
import { DEFAULT_RETRY_POLICY } from '../../common/retry';
import { ComprehendAnalyzer } from './comprehend-analyzer';
import { LocalAnalyzer } from './local-analyzer';
import { NeutralAnalyzer } from './neutral-analyzer';
import type { SentimentAnalyzer } from './sentiment-analyzer';
import type { SentimentConfig } from './sentiment-config';

export interface SentimentDependencies {
  /** Needed only for 'comprehend'. */
  readonly aws?: AwsClientFactory;
  readonly logger?: Logger;
}

export function createSentimentAnalyzer(config: SentimentConfig, deps: SentimentDependencies = {}): SentimentAnalyzer {
  switch (config.analyzer) {
    case 'local':
      return new LocalAnalyzer({ fallbackLanguage: config.fallbackLanguage });
    case 'neutral':
      return new NeutralAnalyzer();
    case 'comprehend': {
      if (deps.aws === undefined) throw new TypeError("the 'comprehend' analyzer needs an AwsClientFactory");
      // Posts without lang: the local detector (en/es) costs no call and no share of the rate limit; others fall back.
      const detector = new LocalAnalyzer({ fallbackLanguage: config.fallbackLanguage });
      return new ComprehendAnalyzer({
        client: deps.aws.comprehend(),
        callsPerSecond: config.comprehend.callsPerSecond,
        keyPhrases: config.comprehend.keyPhrases,
        retryPolicy: { ...DEFAULT_RETRY_POLICY, maxAttempts: config.comprehend.maxAttempts },
        detectLanguage: (text) => detector.detect(text),
        fallbackLanguage: config.fallbackLanguage,
        ...(deps.logger ? { logger: deps.logger } : {}),
      });
    }
  }
}
