// Evaluates the local analyzer on a rated corpus: its compound, its label and its scores against the ratings, and single-core throughput.
import { performance } from 'node:perf_hooks';
import { LocalAnalyzer, type LocalScore } from '../../consumer/sentiment/local-analyzer';
import { splitOf, type CorpusSplit, type RatedText } from './rated-corpus';
import { sentimentMetrics, type SentimentMetrics } from './sentiment-metrics';

/** One corpus (or one split of it) scored three ways. */
export interface ScoredAgreement {
  /** The compound (-1..1) thresholded at ±0.05, and its Pearson r with the ratings. */
  readonly compound: SentimentMetrics;
  /** The label people see (POSITIVE +1, NEGATIVE -1, NEUTRAL and MIXED 0): use its F1, not its r. */
  readonly label: SentimentMetrics;
  /** Comprehend-shape scores, Positive - Negative (-1..1): what the dashboard and report average. */
  readonly scoreDifference: SentimentMetrics;
}

export interface LocalEvaluation extends SentimentMetrics, ScoredAgreement {
  /** The same figures on the dev split (odd ids: rules may be chosen on it) and the test split (even ids: reported only). */
  readonly splits: Readonly<Record<CorpusSplit, ScoredAgreement>>;
  /** Documents per second of wall-clock time (a busy shared machine lowers it). */
  readonly docsPerSec: number;
  /** Documents per second of this process's CPU time (user + system): the one-core figure, steadier under load; NaN without a clock. */
  readonly docsPerCpuSec: number;
}

const LABEL_VALUE = { POSITIVE: 1, NEGATIVE: -1, NEUTRAL: 0, MIXED: 0 } as const;

export function agreement(scores: readonly LocalScore[], ratings: readonly number[]): ScoredAgreement {
  return {
    compound: sentimentMetrics(
      scores.map((s) => s.compound),
      ratings,
    ),
    label: sentimentMetrics(
      scores.map((s) => LABEL_VALUE[s.label]),
      ratings,
    ),
    scoreDifference: sentimentMetrics(
      scores.map((s) => s.scores.Positive - s.scores.Negative),
      ratings,
    ),
  };
}

/** Microseconds of CPU time this process has used; the caller passes `process.cpuUsage` summed (this module stays pure). */
export type CpuClock = () => number;

/** Scores every text once for the figures, then times repeated passes for at least `minTimingMs`. */
export function evaluateLocalAnalyzer(
  corpus: readonly RatedText[],
  minTimingMs = 1_000,
  analyzer = new LocalAnalyzer(),
  cpuMicros: CpuClock = () => Number.NaN,
): LocalEvaluation {
  const scored = corpus.map((row) => analyzer.score(row.text));
  const all = agreement(
    scored,
    corpus.map((row) => row.rating),
  );
  const part = (split: CorpusSplit): ScoredAgreement => {
    const rows = corpus
      .map((row, i) => ({ row, score: scored[i] as LocalScore }))
      .filter(({ row }) => splitOf(row.id) === split);
    return agreement(
      rows.map((r) => r.score),
      rows.map((r) => r.row.rating),
    );
  };
  let count = 0;
  const started = performance.now();
  const cpuStarted = cpuMicros();
  let elapsedMs = 0;
  do {
    for (const row of corpus) analyzer.score(row.text);
    count += corpus.length;
    elapsedMs = performance.now() - started;
  } while (elapsedMs < minTimingMs);
  const cpuSeconds = (cpuMicros() - cpuStarted) / 1e6;
  return {
    ...all.compound,
    ...all,
    splits: { dev: part('dev'), test: part('test') },
    docsPerSec: count / (elapsedMs / 1000),
    docsPerCpuSec: count / cpuSeconds,
  };
}
