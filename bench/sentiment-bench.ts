// Benchmark: the local sentiment analyzer's documents/s on one core over the rated tweets, with its F1 and Pearson r.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Benchmark } from './bench-section';
import { evaluateHeldOut, heldOutSets } from '../tools/sentiment-evaluation/evaluate-held-out';
import { evaluateLocalAnalyzer } from '../tools/sentiment-evaluation/evaluate-local-analyzer';
import { parseRatedCorpus, type RatedText } from '../tools/sentiment-evaluation/rated-corpus';
import { sentimentMetrics } from '../tools/sentiment-evaluation/sentiment-metrics';
import { LocalAnalyzer } from '../consumer/sentiment/local-analyzer';
import { REPO_ROOT } from '../common/repo-root';

interface VaderJs {
  SentimentIntensityAnalyzer: { polarity_scores(text: string): { compound: number } };
}

/** The reference: the vader-sentiment npm port (no emoji), one pass, for the ratios. */
function referenceVader(corpus: readonly RatedText[]): { docsPerSec: number; weightedF1: number; pearsonR: number } {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const vader = (require('vader-sentiment') as VaderJs).SentimentIntensityAnalyzer;
  const started = performance.now();
  const predicted = corpus.map((row) => vader.polarity_scores(row.text).compound);
  const docsPerSec = corpus.length / ((performance.now() - started) / 1000);
  const m = sentimentMetrics(
    predicted,
    corpus.map((row) => row.rating),
  );
  return { docsPerSec, weightedF1: m.weightedF1, pearsonR: m.pearsonR };
}

/** This process's CPU time in microseconds (user + system), for the one-core docs/s. */
const cpuMicros = (): number => {
  const used = process.cpuUsage();
  return used.user + used.system;
};

export const CORPUS = path.resolve(REPO_ROOT, '../shared/data/sentiment/tweets_GroundTruth.txt');

export const benchmark: Benchmark = async (options) => {
  await Promise.resolve();
  const corpus = parseRatedCorpus(fs.readFileSync(CORPUS, 'utf8'));
  options.progress(`scoring ${corpus.length} rated tweets`);
  const analyzer = new LocalAnalyzer();
  const e = evaluateLocalAnalyzer(corpus, options.quick ? 300 : 3_000, analyzer, cpuMicros);
  const heldOut = evaluateHeldOut(heldOutSets(REPO_ROOT), analyzer);
  const reference = referenceVader(corpus);
  return {
    section: 'sentiment',
    figures: {
      localDocsPerSec: e.docsPerSec,
      localDocsPerCpuSec: e.docsPerCpuSec,
      labelWeightedF1: e.label.weightedF1,
      labelWeightedF1Test: e.splits.test.label.weightedF1,
      scoreDifferencePearsonR: e.scoreDifference.pearsonR,
      heldOutEnAccuracy: heldOut.en?.polarAccuracy ?? Number.NaN,
      heldOutEs2Accuracy: heldOut['es-2']?.polarAccuracy ?? Number.NaN,
      weightedF1: e.weightedF1,
      macroF1: e.macroF1,
      pearsonR: e.pearsonR,
      negativeF1: e.perClass.negative.f1,
      neutralF1: e.perClass.neutral.f1,
      positiveF1: e.perClass.positive.f1,
    },
    ratios: {
      docsPerSecVsVaderSentimentJs: e.docsPerSec / reference.docsPerSec,
      weightedF1VsVaderSentimentJs: e.weightedF1 / reference.weightedF1,
      pearsonRVsVaderSentimentJs: e.pearsonR / reference.pearsonR,
    },
    goals: {
      'local >= 20,000 docs/s on one core (per CPU second)': e.docsPerCpuSec >= 20_000,
      'label weighted three-class F1 >= 0.90': e.label.weightedF1 >= 0.9,
      'Pearson r of Positive - Negative >= 0.85': e.scoreDifference.pearsonR >= 0.85,
      'English held-out label accuracy (pos/neg) >= 0.72': (heldOut.en?.polarAccuracy ?? 0) >= 0.72,
    },
    notes: [
      `${e.documents} tweets rated by humans (Hutto & Gilbert 2014); ratings / 4, classes at ±0.05; VADER's lexicon was built with this set in view`,
      'weightedF1 / pearsonR are of the compound; label counts NEUTRAL and MIXED as neutral; Test = even ids (no rule chosen on them)',
    ],
  };
};
