// Parses and checks `npm run produce` arguments and environment into one frozen config, reporting every problem at once.
import * as fs from 'node:fs';
import { parseArgs } from 'node:util';
import { readAwsSettings, type AwsSettings } from '../../common/aws/aws-settings';
import { ConfigReader, type Source } from '../../common/config/config-reader';
import type { SampleKind } from '../samples/sample-source';

export interface ProduceConfig {
  readonly source:
    | { readonly kind: 'sample'; readonly sample: SampleKind; readonly seed: number }
    | { readonly kind: 'file'; readonly path: string };
  readonly streamName: string;
  readonly ratePerSecond?: number;
  readonly count?: number;
  readonly durationSeconds?: number;
  readonly partitionKeyField?: string;
  readonly json: boolean;
  readonly aws: AwsSettings;
  readonly logFile?: string;
}

export const PRODUCE_USAGE = `Usage: npm run produce -- (--sample tweets|vehicles|mixed | --file <jsonl>|-) [options]

  --sample KIND            generate sample data: tweets, vehicles or mixed
  --file PATH              send the lines of a JSONL file; "-" reads stdin
  --rate N/s               target user records per second (default: as fast as the stream takes them)
  --count N                stop after N records
  --duration S             stop after S seconds (samples need --count or --duration)
  --stream NAME            stream name (env KINESIS_STREAM_NAME)
  --endpoint URL           Kinesis endpoint (env AWS_ENDPOINT_URL_KINESIS or AWS_ENDPOINT_URL)
  --region REGION          AWS region (env AWS_REGION, default us-east-1)
  --partition-key-field F  JSON field (dotted path) used as partition key for --file; random keys otherwise
  --seed N                 seed of the sample generator (default 42)
  --log-file PATH          JSON log of the producer (default .local/logs/produce.log; errors also to stderr)
  --json                   print the summary as one JSON object
  --help                   this text

Exit codes: 0 all records stored, 1 some records failed, 2 usage or configuration error.`;

/** Returns the config, or 'help'; throws ConfigError listing every problem. */
export function parseProduceArguments(argv: readonly string[], env: Source): ProduceConfig | 'help' {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    options: {
      sample: { type: 'string' },
      file: { type: 'string' },
      rate: { type: 'string' },
      count: { type: 'string' },
      duration: { type: 'string' },
      stream: { type: 'string' },
      endpoint: { type: 'string' },
      region: { type: 'string' },
      'partition-key-field': { type: 'string' },
      seed: { type: 'string' },
      'log-file': { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  if (values.help === true) return 'help';
  const overrides: Record<string, string | undefined> = {
    KINESIS_STREAM_NAME: values.stream,
    AWS_REGION: values.region,
    AWS_ENDPOINT_URL_KINESIS: values.endpoint,
  };
  const reader = new ConfigReader('npm run produce', [overrides, env]);
  const aws = readAwsSettings(reader);
  const streamName = reader.string('KINESIS_STREAM_NAME') ?? '';
  if (streamName === '') reader.problem('--stream (or KINESIS_STREAM_NAME) is required');
  if (values.sample !== undefined && values.file !== undefined)
    reader.problem('give either --sample or --file, not both');
  if (values.sample === undefined && values.file === undefined)
    reader.problem('give --sample tweets|vehicles|mixed or --file <path>|-');
  if (values.sample !== undefined && !['tweets', 'vehicles', 'mixed'].includes(values.sample))
    reader.problem(`--sample must be tweets, vehicles or mixed, got "${values.sample}"`);
  if (values.file !== undefined && values.file !== '-' && !fs.existsSync(values.file))
    reader.problem(`--file ${values.file} does not exist`);
  const count = positive(reader, '--count', values.count, true);
  const durationSeconds = positive(reader, '--duration', values.duration, false);
  const ratePerSecond = positive(reader, '--rate', values.rate?.replace(/\/s$/, ''), false);
  const seed = values.seed === undefined ? 42 : (positive(reader, '--seed', values.seed, true) ?? 42);
  if (values.sample !== undefined && count === undefined && durationSeconds === undefined)
    reader.problem('--sample needs --count or --duration');
  const source =
    values.file !== undefined
      ? { kind: 'file' as const, path: values.file }
      : { kind: 'sample' as const, sample: (values.sample ?? 'tweets') as SampleKind, seed };
  return reader.finish({
    source,
    streamName,
    ratePerSecond,
    count,
    durationSeconds,
    aws,
    partitionKeyField: values['partition-key-field'],
    json: values.json === true,
    logFile: values['log-file'],
  });
}

function positive(reader: ConfigReader, name: string, text: string | undefined, integer: boolean): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0 || (integer && !Number.isInteger(value))) {
    reader.problem(`${name} must be a positive ${integer ? 'integer' : 'number'}, got "${text}"`);
    return undefined;
  }
  return value;
}
