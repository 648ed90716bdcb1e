// `npm run score -- <file|->`: scores each line (plain text, or JSONL with `text` and optional `lang`) and prints one JSON line each.
import * as fs from 'node:fs';
import { parseOptions } from '../common/config/parse-options';
import * as readline from 'node:readline';
import { Readable } from 'node:stream';
import { AwsClientFactory } from '../common/aws/client-factory';
import { createWinstonLogger } from '../common/winston-logger';
import { routeWarningsToLog } from './cli-process';
import { readAwsSettings } from '../common/aws/aws-settings';
import { ConfigReader } from '../common/config/config-reader';
import { readLogFile } from '../common/config/log-file';
import { describeError } from '../common/errors';
import { createSentimentAnalyzer } from '../consumer/sentiment/create-sentiment-analyzer';
import { primaryLanguage } from '../consumer/sentiment/language-code';
import { LocalAnalyzer } from '../consumer/sentiment/local-analyzer';
import { formatExplanation } from '../consumer/sentiment/local/format-explanation';
import type { SentimentDocument } from '../consumer/sentiment/sentiment-analyzer';
import { readSentimentConfig } from '../consumer/sentiment/sentiment-config';

const HELP = `Usage: npm run score -- [--analyzer local|comprehend] [--explain [--json]] [<file | -> | --text "<post>"]
  Each non-blank line is a text, or a JSON object with "text" and optional "lang" (JSONL); "-" (or no file, when stdin
  is not a terminal) reads stdin; --text scores one post given on the command line.
  Prints one JSON line per input: {"line","label","scores","lang"[,"compound"]} or {"line","ok":false,"reason"}.
  --analyzer  local (default; adds VADER's compound, -1..1) or comprehend (AWS credentials and region from the
              environment; SENTIMENT_COMPREHEND_CALLS_PER_SECOND, AWS_ENDPOINT_URL_COMPREHEND apply)
  --explain   local only: for each post, why it got its label: every word, emoji and emoticon that carries sentiment
              (its lexicon valence and source) with the rules that changed it (negation, intensifiers, "but", idioms,
              sarcasm, denied expectations), as readable lines; with --json, an "explain" object in each JSON line
Labels: POSITIVE / NEGATIVE / NEUTRAL by the compound at ±0.05; MIXED when strong positive and strong negative
evidence are both present (as Amazon Comprehend means it): an opinion word of valence >= 2 on each side, in different
clauses, neither side dominating (emoji, emoticons, laughter and interjections set the tone and do not count).
Exit codes: 0 ok, 1 error (unreadable input, Comprehend unavailable), 2 usage.`;

const CHUNK = 100;

interface Input {
  readonly line: number;
  readonly document?: SentimentDocument;
  readonly invalid?: string;
}

interface Options {
  readonly kind: string;
  readonly explain: boolean;
  readonly json: boolean;
  readonly source: string | undefined;
  readonly text: string | undefined;
}

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

/** The options, or a usage problem. */
const SCORE_OPTIONS = {
  analyzer: { type: 'string' },
  text: { type: 'string' },
  explain: { type: 'boolean' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

function parseArgs(argv: readonly string[]): Options | string {
  const parsed = parseOptions(argv, SCORE_OPTIONS, { allowPositionals: true });
  if (parsed.problems.length > 0) return parsed.problems.join('; ');
  const kind = typeof parsed.values.analyzer === 'string' ? parsed.values.analyzer : 'local';
  const text = typeof parsed.values.text === 'string' ? parsed.values.text : undefined;
  const explain = parsed.values.explain === true;
  const json = parsed.values.json === true;
  const files = [...parsed.positionals];
  if (kind !== 'local' && kind !== 'comprehend') return `unknown analyzer ${kind}`;
  if (explain && kind !== 'local') return '--explain explains the local analyzer only';
  if (files.length > 1 || (files.length === 1 && text !== undefined)) return 'give one file, "-", or --text';
  if (files.length === 0 && text === undefined && process.stdin.isTTY) return 'no input: give a file, "-", or --text';
  return { kind, explain, json, source: files[0], text };
}

async function main(argv: readonly string[]): Promise<number> {
  // An unknown option is refused even beside --help: a command that prints help is one that would run.
  const given = parseOptions(argv, SCORE_OPTIONS, { allowPositionals: true });
  if (given.problems.length === 0 && given.values.help === true) {
    console.log(HELP);
    return 0;
  }
  const options = parseArgs(argv);
  if (typeof options === 'string') {
    console.error(`bad arguments: ${options}\n${HELP}`);
    return 2;
  }
  const { kind } = options;
  const reader = new ConfigReader('score', [{ SENTIMENT_ANALYZER: kind }, process.env]);
  const config = reader.finish({
    sentiment: readSentimentConfig(reader),
    aws: readAwsSettings(reader),
    logFile: readLogFile(reader, 'score'),
  });
  // The SDK's Node-version notice (and other process warnings) go to the log file, not the terminal.
  const log = createWinstonLogger({
    file: config.logFile,
    errorsToStderr: false,
    defaultFields: { component: 'score' },
  });
  routeWarningsToLog(log.logger);
  const aws = kind === 'comprehend' ? new AwsClientFactory(config.aws) : undefined;
  const local = new LocalAnalyzer({ fallbackLanguage: config.sentiment.fallbackLanguage });
  const analyzer = kind === 'local' ? local : createSentimentAnalyzer(config.sentiment, aws ? { aws } : {});
  const input =
    options.text !== undefined
      ? Readable.from([options.text])
      : options.source === undefined || options.source === '-'
        ? process.stdin
        : fs.createReadStream(options.source);
  const print = (chunk: readonly Input[]): Promise<void> =>
    printChunk(chunk, kind === 'local' ? local : undefined, analyzer.analyze.bind(analyzer), options);
  try {
    let chunk: Input[] = [];
    let line = 0;
    for await (const text of readline.createInterface({ input, crlfDelay: Infinity })) {
      line += 1;
      if (text.trim() === '') continue;
      chunk.push(parseLine(text, line));
      if (chunk.length >= CHUNK) {
        await print(chunk);
        chunk = [];
      }
    }
    await print(chunk);
    return 0;
  } finally {
    await analyzer.close();
    aws?.destroy();
    await log.close();
  }
}

async function printChunk(
  chunk: readonly Input[],
  local: LocalAnalyzer | undefined,
  analyze: (docs: readonly SentimentDocument[]) => Promise<unknown[]>,
  options: Options,
): Promise<void> {
  const docs = chunk.flatMap((input) => (input.document ? [input.document] : []));
  const outcomes = local ? [] : await analyze(docs);
  let next = 0;
  const lines = chunk.map((input) => {
    if (input.document === undefined) return JSON.stringify({ line: input.line, ok: false, reason: input.invalid });
    const lang = primaryLanguage(input.document.lang);
    if (local && (lang === undefined || lang === 'en' || lang === 'es')) {
      if (options.explain) {
        const e = local.explain(input.document.text, lang);
        if (!options.json) return formatExplanation(`line ${input.line}`, input.document.text, e);
        const { label, scores, compound, lang: scored, ...explain } = e;
        return JSON.stringify({ line: input.line, ok: true, label, scores, lang: scored, compound, explain });
      }
      const { label, scores, compound, lang: scored } = local.score(input.document.text, lang);
      return JSON.stringify({ line: input.line, ok: true, label, scores, lang: scored, compound });
    }
    const outcome = local
      ? { ok: false, reason: `unsupported language "${lang ?? ''}" (the local analyzer scores en and es)` }
      : outcomes[next++];
    return JSON.stringify({ line: input.line, ...(outcome as object) });
  });
  if (lines.length > 0) process.stdout.write(`${lines.join('\n')}\n`);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(describeError(error));
    process.exitCode = 1;
  },
);
