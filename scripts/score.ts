// `npm run score -- <file|->`: scores each line (plain text, or JSONL with `text` and optional `lang`) and prints one JSON line each.
import * as fs from 'node:fs';
import * as readline from 'node:readline';
import { AwsClientFactory } from '../common/aws/client-factory';
import { createWinstonLogger } from '../common/winston-logger';
import { routeWarningsToLog } from './cli-process';
import { readAwsSettings } from '../common/aws/aws-settings';
import { ConfigReader } from '../common/config/config-reader';
import { describeError } from '../common/errors';
import { createSentimentAnalyzer } from '../consumer/sentiment/create-sentiment-analyzer';
import { primaryLanguage } from '../consumer/sentiment/language-code';
import { LocalAnalyzer } from '../consumer/sentiment/local-analyzer';
import type { SentimentDocument } from '../consumer/sentiment/sentiment-analyzer';
import { readSentimentConfig } from '../consumer/sentiment/sentiment-config';

const HELP = `Usage: npm run score -- [--analyzer local|comprehend] <file | ->
  Each non-blank line is a text, or a JSON object with "text" and optional "lang" (JSONL); "-" reads stdin.
  Prints one JSON line per input: {"line","label","scores","lang"[,"compound"]} or {"line","ok":false,"reason"}.
  --analyzer  local (default; adds VADER's compound, -1..1) or comprehend (AWS credentials and region from the
              environment; SENTIMENT_COMPREHEND_CALLS_PER_SECOND, AWS_ENDPOINT_URL_COMPREHEND apply)
Exit codes: 0 ok, 1 error (unreadable input, Comprehend unavailable), 2 usage.`;

const CHUNK = 100;

interface Input { readonly line: number; readonly document?: SentimentDocument; readonly invalid?: string }

function parseLine(text: string, line: number): Input {
  if (!text.trimStart().startsWith('{')) return { line, document: { text } };
  try {
    const value = JSON.parse(text) as { text?: unknown; lang?: unknown };
    if (typeof value.text !== 'string') return { line, invalid: 'JSON line without a string "text" field' };
    return { line, document: { text: value.text, ...(typeof value.lang === 'string' ? { lang: value.lang } : {}) } };
  } catch {
    return { line, invalid: 'invalid JSON line' };
  }
}

async function main(argv: readonly string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) { console.log(HELP); return 0; }
  const at = argv.indexOf('--analyzer');
  const kind = at >= 0 ? argv[at + 1] : 'local';
  const files = argv.filter((_arg, i) => !(at >= 0 && (i === at || i === at + 1)));
  if ((kind !== 'local' && kind !== 'comprehend') || files.length !== 1 || (files[0] !== '-' && files[0]?.startsWith('-'))) {
    console.error(`bad arguments\n${HELP}`);
    return 2;
  }
  const reader = new ConfigReader('score', [{ SENTIMENT_ANALYZER: kind }, process.env]);
  const config = reader.finish({ sentiment: readSentimentConfig(reader), aws: readAwsSettings(reader) });
  // The SDK's Node-version notice (and other process warnings) go to the log file, not the terminal.
  const log = createWinstonLogger({ file: process.env.SCORE_LOG_FILE ?? '.local/logs/score.log', errorsToStderr: false, defaultFields: { component: 'score' } });
  routeWarningsToLog(log.logger);
  const aws = kind === 'comprehend' ? new AwsClientFactory(config.aws) : undefined;
  const local = new LocalAnalyzer({ fallbackLanguage: config.sentiment.fallbackLanguage });
  const analyzer = kind === 'local' ? local : createSentimentAnalyzer(config.sentiment, aws ? { aws } : {});
  const input = files[0] === '-' ? process.stdin : fs.createReadStream(files[0] as string);
  try {
    let chunk: Input[] = [];
    let line = 0;
    for await (const text of readline.createInterface({ input, crlfDelay: Infinity })) {
      line += 1;
      if (text.trim() === '') continue;
      chunk.push(parseLine(text, line));
      if (chunk.length >= CHUNK) { await printChunk(chunk, kind === 'local' ? local : undefined, analyzer.analyze.bind(analyzer)); chunk = []; }
    }
    await printChunk(chunk, kind === 'local' ? local : undefined, analyzer.analyze.bind(analyzer));
    return 0;
  } finally {
    await analyzer.close();
    aws?.destroy();
    await log.close();
  }
}

async function printChunk(
  chunk: readonly Input[], local: LocalAnalyzer | undefined, analyze: (docs: readonly SentimentDocument[]) => Promise<unknown[]>,
): Promise<void> {
  const docs = chunk.flatMap((input) => (input.document ? [input.document] : []));
  const outcomes = local ? [] : await analyze(docs);
  let next = 0;
  const lines = chunk.map((input) => {
    if (input.document === undefined) return JSON.stringify({ line: input.line, ok: false, reason: input.invalid });
    const lang = primaryLanguage(input.document.lang);
    if (local && (lang === undefined || lang === 'en' || lang === 'es')) {
      const { label, scores, compound, lang: scored } = local.score(input.document.text, lang);
      return JSON.stringify({ line: input.line, ok: true, label, scores, lang: scored, compound });
    }
    const outcome = local ? { ok: false, reason: `unsupported language "${lang ?? ''}" (the local analyzer scores en and es)` } : outcomes[next++];
    return JSON.stringify({ line: input.line, ...(outcome as object) });
  });
  if (lines.length > 0) process.stdout.write(`${lines.join('\n')}\n`);
}

main(process.argv.slice(2)).then((code) => { process.exitCode = code; }, (error: unknown) => {
  console.error(describeError(error));
  process.exitCode = 1;
});
