// Evaluates the local analyzer on a rated corpus: accuracy figures and single-core throughput.
import { performance } from 'node:perf_hooks';
import { LocalAnalyzer } from '../local-analyzer';
import type { RatedText } from './rated-corpus';
import { sentimentMetrics, type SentimentMetrics } from './sentiment-metrics';

export interface LocalEvaluation extends SentimentMetrics {
  readonly docsPerSec: number;
}

/** Scores every text once for the figures, then times repeated passes for at least `minTimingMs`. */
export function evaluateLocalAnalyzer(corpus: readonly RatedText[], minTimingMs = 1_000, analyzer = new LocalAnalyzer()): LocalEvaluation {
  const predicted = corpus.map((row) => analyzer.score(row.text).compound);
  const metrics = sentimentMetrics(predicted, corpus.map((row) => row.rating));
  let scored = 0;
  const started = performance.now();
  let elapsedMs = 0;
  do {
    for (const row of corpus) analyzer.score(row.text);
    scored += corpus.length;
    elapsedMs = performance.now() - started;
  } while (elapsedMs < minTimingMs);
  return { ...metrics, docsPerSec: scored / (elapsedMs / 1000) };
}
