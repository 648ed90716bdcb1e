// Parses and checks `npm run collect` arguments and environment into one frozen config, reporting every problem at once.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { readAwsSettings, type AwsSettings } from '../common/aws/aws-settings';
import { ConfigReader, type Source } from '../common/config/config-reader';
import { settingsText } from '../common/config/setting';
import { readStreamName } from '../common/config/stream-name';
import { POST_SOURCES, type PostSource } from './collected-post';
import {
  COLLECTOR_SETTINGS as S,
  DEFAULT_INSTAGRAM_GRAPH_BASE_URL,
  DEFAULT_X_API_BASE_URL,
} from './collector-settings';

export type SourceConfig =
  | { readonly kind: 'x'; readonly baseUrl: string; readonly bearerToken: string; readonly stallTimeoutMs: number }
  | {
      readonly kind: 'instagram';
      readonly baseUrl: string;
      readonly accessToken: string;
      readonly userId: string;
      readonly intervalMs: number;
      readonly budgetFile: string;
    }
  | { readonly kind: 'sample'; readonly ratePerSecond: number; readonly seed: number }
  | { readonly kind: 'file'; readonly path: string };

export interface CollectorConfig {
  readonly source: SourceConfig;
  /** Without '#'. */
  readonly hashtag: string;
  /** From --stream / KINESIS_STREAM_NAME; undefined lets the local endpoints file name it. */
  readonly streamName?: string;
  readonly durationSeconds?: number;
  readonly dedupeCapacity: number;
  readonly positionFile: string;
  readonly progressIntervalMs: number;
  readonly json: boolean;
  readonly aws: AwsSettings;
  readonly logFile?: string;
}

export const COLLECT_USAGE = `Usage: npm run collect -- --source x|instagram|sample|file --hashtag <tag> [--duration <s>] [--stream <name>] [options]

  --source S             x (API v2 filtered stream), instagram (Graph API hashtag search), sample, file
  --hashtag TAG          the hashtag to collect, with or without '#' (required for x and instagram)
  --duration S           stop after S seconds with exit 0 (default: until Ctrl-C / SIGTERM)
  --stream NAME          Kinesis stream (env KINESIS_STREAM_NAME; locally .local/endpoints.json names it)
  --interval S           instagram poll interval in seconds (env INSTAGRAM_POLL_SECONDS, default 60)
  --file PATH            JSONL posts for --source file ("-" reads stdin)
  --rate N               posts per second for --source sample (default 20)
  --stall-timeout S      x: reconnect after S seconds without a byte (default 30; X sends a keep-alive every ~20 s)
  --dedupe-capacity N    post keys remembered to drop redeliveries (default 100000)
  --position-file PATH   where the remembered keys survive a restart (default .local/collector/position-<source>-<tag>.json)
  --budget-file PATH     instagram hashtag budget ledger (default .local/collector/instagram-hashtag-budget.json)
  --endpoint URL         Kinesis endpoint (env AWS_ENDPOINT_URL_KINESIS or AWS_ENDPOINT_URL)
  --region REGION        AWS region (env AWS_REGION, default us-east-1)
  --log-file PATH        JSON log (default .local/logs/collect-<source>.log)
  --json                 print the summary as one JSON object on stdout
  --help                 this text

Environment: X_BEARER_TOKEN, X_API_BASE_URL (default ${DEFAULT_X_API_BASE_URL}); INSTAGRAM_ACCESS_TOKEN,
INSTAGRAM_USER_ID, INSTAGRAM_GRAPH_BASE_URL (default ${DEFAULT_INSTAGRAM_GRAPH_BASE_URL}), INSTAGRAM_POLL_SECONDS.
Exit codes: 0 stopped by --duration, Ctrl-C or the end of a file, every post stored; 1 some posts failed or the run
failed; 2 usage or configuration error; 3 the source refused us (401/403, Instagram hashtag budget spent).`;

/** Returns the config, or 'help'; throws ConfigError listing every problem. `repoRoot` anchors the .local defaults. */
export function parseCollectArguments(
  argv: readonly string[],
  env: Source,
  repoRoot: string,
): CollectorConfig | 'help' {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    options: {
      source: { type: 'string' },
      hashtag: { type: 'string' },
      duration: { type: 'string' },
      stream: { type: 'string' },
      interval: { type: 'string' },
      file: { type: 'string' },
      rate: { type: 'string' },
      'stall-timeout': { type: 'string' },
      'dedupe-capacity': { type: 'string' },
      'position-file': { type: 'string' },
      'budget-file': { type: 'string' },
      endpoint: { type: 'string' },
      region: { type: 'string' },
      'log-file': { type: 'string' },
      seed: { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  if (values.help === true) return 'help';
  const overrides = settingsText(S, {
    streamName: values.stream,
    awsRegion: values.region,
    kinesisEndpoint: values.endpoint,
    instagramPollSeconds: values.interval,
  });
  const reader = new ConfigReader('npm run collect', [overrides, env]);
  const aws = readAwsSettings(reader);
  const kind = values.source as PostSource | undefined;
  if (kind === undefined || !POST_SOURCES.includes(kind))
    reader.problem(`--source must be one of ${POST_SOURCES.join(', ')}, got ${JSON.stringify(values.source)}`);
  const hashtag = (values.hashtag ?? '').replace(/^#/, '');
  if (hashtag !== '' && !/^[\p{L}\p{N}_]+$/u.test(hashtag))
    reader.problem(`--hashtag must be letters, digits or _, got "${values.hashtag}"`);
  if (hashtag === '' && (kind === 'x' || kind === 'instagram'))
    reader.problem(`--hashtag is required for --source ${kind}`);
  const durationSeconds = positive(reader, '--duration', values.duration);
  const dedupeCapacity = positive(reader, '--dedupe-capacity', values['dedupe-capacity']) ?? 100_000;
  if (!Number.isInteger(dedupeCapacity) || dedupeCapacity < 2)
    reader.problem('--dedupe-capacity must be a whole number >= 2');
  const source = readSource(reader, kind ?? 'sample', values, repoRoot);
  const slug = `${kind ?? 'none'}-${hashtag === '' ? 'all' : hashtag.toLowerCase()}`;
  return reader.finish({
    source,
    hashtag,
    aws,
    durationSeconds,
    dedupeCapacity,
    streamName: readStreamName(reader, { required: false }),
    positionFile: values['position-file'] ?? path.join(repoRoot, '.local', 'collector', `position-${slug}.json`),
    progressIntervalMs: 5_000,
    json: values.json === true,
    logFile: values['log-file'] ?? path.join(repoRoot, '.local', 'logs', `collect-${kind ?? 'none'}.log`),
  });
}

type Values = Readonly<Record<string, string | boolean | undefined>>;

function readSource(reader: ConfigReader, kind: PostSource, values: Values, repoRoot: string): SourceConfig {
  const text = (name: string): string | undefined => (typeof values[name] === 'string' ? values[name] : undefined);
  switch (kind) {
    case 'x': {
      const baseUrl = url(reader, S.xApiBaseUrl.variable, S.xApiBaseUrl.default);
      const stallTimeoutMs = (positive(reader, '--stall-timeout', text('stall-timeout')) ?? 30) * 1_000;
      return { kind, baseUrl, bearerToken: reader.required(S.xBearerToken.variable), stallTimeoutMs };
    }
    case 'instagram': {
      const baseUrl = url(reader, S.instagramGraphBaseUrl.variable, S.instagramGraphBaseUrl.default);
      const intervalMs =
        reader.number(S.instagramPollSeconds.variable, S.instagramPollSeconds.default, { min: 1 }) * 1_000;
      const userId = reader.required(S.instagramUserId.variable);
      if (userId !== '' && !/^\d+$/.test(userId))
        reader.problem(`${S.instagramUserId.variable} must be the numeric Instagram user id`);
      const budgetFile =
        text('budget-file') ?? path.join(repoRoot, '.local', 'collector', 'instagram-hashtag-budget.json');
      return {
        kind,
        baseUrl,
        accessToken: reader.required(S.instagramAccessToken.variable),
        userId,
        intervalMs,
        budgetFile,
      };
    }
    case 'sample':
      return {
        kind,
        ratePerSecond: positive(reader, '--rate', text('rate')) ?? 20,
        seed: positive(reader, '--seed', text('seed')) ?? Date.now() % 2_147_483_647,
      };
    case 'file': {
      const file = text('file');
      if (file === undefined) reader.problem('--source file needs --file <path>|-');
      else if (file !== '-' && !fs.existsSync(file)) reader.problem(`--file ${file} does not exist`);
      return { kind, path: file ?? '-' };
    }
  }
}

function url(reader: ConfigReader, name: string, fallback: string): string {
  const value = reader.string(name, fallback);
  if (!/^https?:\/\/[^\s]+$/.test(value)) reader.problem(`${name} must be an http(s) URL, got "${value}"`);
  return value;
}

function positive(reader: ConfigReader, name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) {
    reader.problem(`${name} must be a positive number, got "${text}"`);
    return undefined;
  }
  return value;
}
