// A stub analyzer that labels every document NEUTRAL: for pipelines that archive and load without scoring.
import type { SentimentAnalyzer, SentimentDocument, SentimentOutcome } from './sentiment-analyzer';
import { primaryLanguage } from './language-code';

export class NeutralAnalyzer implements SentimentAnalyzer {
  public readonly name = 'neutral';

  public analyze(documents: readonly SentimentDocument[]): Promise<SentimentOutcome[]> {
    return Promise.resolve(
      documents.map((document) => ({
        ok: true as const,
        label: 'NEUTRAL' as const,
        lang: primaryLanguage(document.lang) ?? 'und',
        scores: { Positive: 0, Negative: 0, Neutral: 1, Mixed: 0 },
      })),
    );
  }

  public close(): Promise<void> {
    return Promise.resolve();
  }
}
