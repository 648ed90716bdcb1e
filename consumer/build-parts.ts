// Chooses the sinks and the sentiment analyzer the configuration names (SINKS=none: the dry-run sink only).
import type { PartsBuilder } from './consumer-app';
import { createSinks } from './sinks/create-sinks';
import { DryRunSink } from './sinks/dry-run-sink';
import type { SentimentAnalyzer, SentimentOutcome } from './sentiment/sentiment-analyzer';

class NeutralAnalyzer implements SentimentAnalyzer {
  public readonly name = 'neutral';
  public async analyze(documents: readonly { text: string; lang?: string }[]): Promise<SentimentOutcome[]> {
    return documents.map((doc) => ({ ok: true, label: 'NEUTRAL', scores: { Positive: 0, Negative: 0, Neutral: 1, Mixed: 0 }, lang: doc.lang ?? 'und' }));
  }
  public async close(): Promise<void> {}
}

export const buildParts: PartsBuilder = async (config, clients, logger) => {
  const analyzer = new NeutralAnalyzer();
  if (config.sinkConfig === undefined) return { sinks: [new DryRunSink(logger.child({ component: 'dry-run-sink' }))], analyzer };
  return { sinks: createSinks(config.sinkConfig, clients, logger), analyzer };
};
