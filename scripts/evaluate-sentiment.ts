// `node dist/scripts/evaluate-sentiment.js`: the local analyzer's F1, Pearson r and docs/s on the rated tweet corpus.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { evaluateLocalAnalyzer } from '../consumer/sentiment/evaluation/evaluate-local-analyzer';
import { parseRatedCorpus } from '../consumer/sentiment/evaluation/rated-corpus';
import { CLASSES } from '../consumer/sentiment/evaluation/sentiment-metrics';

export const DEFAULT_CORPUS = path.resolve(__dirname, '../../../shared/data/sentiment/tweets_GroundTruth.txt');

const HELP = `Usage: node dist/scripts/evaluate-sentiment.js [--corpus <file>] [--json]
  --corpus  id<TAB>rating(-4..4)<TAB>text per line (default: ../shared/data/sentiment/tweets_GroundTruth.txt)
  --json    one JSON object on stdout
Convention (the VADER paper's): rating / 4 and the compound score, classes at -0.05 / +0.05.
F1 is reported per class, macro (mean) and weighted by class support; the goal is weighted F1 >= 0.90.
Exit codes: 0 ok, 1 error, 2 usage.`;

function main(argv: readonly string[]): number {
  if (argv.includes('--help') || argv.includes('-h')) { console.log(HELP); return 0; }
  const json = argv.includes('--json');
  const at = argv.indexOf('--corpus');
  const corpusPath = at >= 0 ? argv[at + 1] : DEFAULT_CORPUS;
  const known = new Set(['--json', '--corpus', ...(at >= 0 && corpusPath !== undefined ? [corpusPath] : [])]);
  const unknown = argv.filter((arg) => !known.has(arg));
  if (corpusPath === undefined || unknown.length > 0) { console.error(`bad arguments: ${unknown.join(' ') || '--corpus needs a file'}\n${HELP}`); return 2; }
  const evaluation = evaluateLocalAnalyzer(parseRatedCorpus(fs.readFileSync(corpusPath, 'utf8')));
  if (json) { console.log(JSON.stringify(evaluation)); return 0; }
  const pct = (x: number): string => x.toFixed(3);
  console.log(`documents          ${evaluation.documents}`);
  console.log(`Pearson r          ${pct(evaluation.pearsonR)}   (goal >= 0.85)`);
  console.log(`weighted F1        ${pct(evaluation.weightedF1)}   (goal >= 0.90)`);
  console.log(`macro F1           ${pct(evaluation.macroF1)}`);
  console.log(`accuracy (micro)   ${pct(evaluation.accuracy)}`);
  for (const c of CLASSES) {
    const f = evaluation.perClass[c];
    console.log(`  ${c.padEnd(9)} F1 ${pct(f.f1)}  precision ${pct(f.precision)}  recall ${pct(f.recall)}  support ${f.support}`);
  }
  console.log(`docs/s (1 core)    ${Math.round(evaluation.docsPerSec).toLocaleString('en-US')}   (goal >= 20,000)`);
  return 0;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error: unknown) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
}
