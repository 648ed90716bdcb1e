// `npm run evaluate-sentiment`: the local analyzer's label, compound and scores on the rated tweets, its held-out accuracy, and docs/s.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { evaluateHeldOut, heldOutSets } from '../tools/sentiment-evaluation/evaluate-held-out';
import { evaluateLocalAnalyzer, type ScoredAgreement } from '../tools/sentiment-evaluation/evaluate-local-analyzer';
import { parseRatedCorpus } from '../tools/sentiment-evaluation/rated-corpus';
import { CLASSES } from '../tools/sentiment-evaluation/sentiment-metrics';
import { LocalAnalyzer } from '../consumer/sentiment/local-analyzer';
import { REPO_ROOT } from '../common/repo-root';

/** This process's CPU time in microseconds (user + system), for the one-core docs/s. */
const cpuMicros = (): number => {
  const used = process.cpuUsage();
  return used.user + used.system;
};

export const DEFAULT_CORPUS = path.resolve(REPO_ROOT, '../shared/data/sentiment/tweets_GroundTruth.txt');

const HELP = `Usage: npm run evaluate-sentiment -- [--corpus <file>] [--json]
  --corpus  id<TAB>rating(-4..4)<TAB>text per line (default: ../shared/data/sentiment/tweets_GroundTruth.txt)
  --json    one JSON object on stdout
Convention (the VADER paper's): rating / 4, classes at -0.05 / +0.05. Three things are scored against the ratings:
the label (POSITIVE / NEGATIVE; NEUTRAL and MIXED count as neutral), the compound, and Positive - Negative of the
four scores. Dev split = odd ids (rules may be chosen on it), test split = even ids (reported only).
Held-out sets (test/fixtures/sentiment, no rule chosen from them): label accuracy on their positive and negative
posts, NEUTRAL or MIXED counting as a miss. Goals: label weighted F1 >= 0.90, Pearson r of Positive - Negative >= 0.85,
English held-out >= 0.72, >= 20,000 docs/s on one core.
Exit codes: 0 ok, 1 error, 2 usage.`;

function main(argv: readonly string[]): number {
  const json = argv.includes('--json');
  const at = argv.indexOf('--corpus');
  const corpusPath = at >= 0 ? argv[at + 1] : DEFAULT_CORPUS;
  const known = new Set([
    '--json',
    '--corpus',
    '--help',
    '-h',
    ...(at >= 0 && corpusPath !== undefined ? [corpusPath] : []),
  ]);
  const unknown = argv.filter((arg) => !known.has(arg));
  // An unknown option is refused even beside --help: a command that prints help is one that would run.
  if (unknown.length === 0 && (argv.includes('--help') || argv.includes('-h'))) {
    console.log(HELP);
    return 0;
  }
  if (corpusPath === undefined || unknown.length > 0) {
    console.error(`bad arguments: ${unknown.join(' ') || '--corpus needs a file'}\n${HELP}`);
    return 2;
  }
  const analyzer = new LocalAnalyzer();
  const evaluation = evaluateLocalAnalyzer(
    parseRatedCorpus(fs.readFileSync(corpusPath, 'utf8')),
    1_000,
    analyzer,
    cpuMicros,
  );
  const heldOut = evaluateHeldOut(heldOutSets(REPO_ROOT), analyzer);
  if (json) {
    console.log(JSON.stringify({ ...evaluation, heldOut }));
    return 0;
  }
  const f = (x: number): string => x.toFixed(3);
  const line = (name: string, a: ScoredAgreement): string =>
    `${name.padEnd(10)} label F1 ${f(a.label.weightedF1)}  compound F1 ${f(a.compound.weightedF1)}  r ${f(a.compound.pearsonR)}  Positive-Negative r ${f(a.scoreDifference.pearsonR)}`;
  console.log(`rated tweets: ${evaluation.documents}`);
  console.log(line('all', evaluation));
  console.log(line('dev', evaluation.splits.dev));
  console.log(line('test', evaluation.splits.test));
  console.log('label per class (all):');
  for (const c of CLASSES) {
    const m = evaluation.label.perClass[c];
    console.log(
      `  ${c.padEnd(9)} F1 ${f(m.f1)}  precision ${f(m.precision)}  recall ${f(m.recall)}  support ${m.support}`,
    );
  }
  console.log('held-out label accuracy (positive+negative; per class right/items):');
  for (const [name, a] of Object.entries(heldOut)) {
    const per = CLASSES.map((c) => `${c} ${a.perClass[c].right}/${a.perClass[c].items}`).join('  ');
    console.log(`  ${name.padEnd(5)} ${f(a.polarAccuracy)}  ${per}`);
  }
  const n = (x: number): string => Math.round(x).toLocaleString('en-US');
  console.log(
    `docs/s (1 core)  ${n(evaluation.docsPerCpuSec)} per CPU second, ${n(evaluation.docsPerSec)} per wall-clock second`,
  );
  console.log('goals: label weighted F1 >= 0.90, Positive-Negative r >= 0.85, en held-out >= 0.72, >= 20,000 docs/s');
  return 0;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error: unknown) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
}
