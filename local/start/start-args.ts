// Parses the options of `npm start` (and reuses them for `npm run demo`): shards, rates, sinks, names, source, ports; one error listing every problem.
import { parseOptions } from '../../common/config/parse-options';
import { ConfigError } from '../../common/errors';
import { DASHBOARD_SETTINGS } from '../../reporting/dashboard/dashboard-settings';
import { DEFAULT_KCL_GENERATION, KCL_GENERATIONS, type KclGeneration } from '../../daemon/kcl-generation';

export interface StartPorts {
  readonly kinesis: number;
  readonly kinesisTls: number;
  readonly dynamodb: number;
  readonly s3: number;
  readonly postgres: number;
  readonly dashboard: number;
}

export interface StartArgs {
  readonly shards: number;
  /** Vehicle readings per second; 0 with --posts-per-minute 0 and --burst-minutes 0 disables the sample producer. */
  readonly rate: number;
  /** Sample posts per minute on the city hashtag outside bursts. */
  readonly postsPerMinute: number;
  /** Minutes between two sample negative bursts (0: none). */
  readonly burstMinutes: number;
  /** Seed of the sample data (same seed, same posts and bursts). */
  readonly seed: number;
  /** Days of seeded history backfilled through the pipeline on the first start (0: none). */
  readonly historyDays: number;
  /** Posts on an average weekday of that history. */
  readonly historyPostsPerDay: number;
  readonly sinks: 'all' | 'none';
  readonly streamName: string;
  readonly applicationName: string;
  readonly workerId: string;
  readonly bucket: string;
  readonly records: number;
  /** What feeds the stream: the sample trickle (default) or the collector on a real source (x, instagram). */
  readonly source: string;
  /** The hashtag the collector follows. */
  readonly hashtag: string;
  /** Run the scaler's `run` against the local stream on a schedule (`--autoscale`). */
  readonly autoscale: boolean;
  /** Seconds between scheduled scaler runs. */
  readonly autoscaleInterval: number;
  /** The KCL generation the daemon runs (`--kcl 2|3`; default KCL_GENERATION, else DEFAULT_KCL_GENERATION). */
  readonly kcl: KclGeneration;
  /** The daemon's retrieval (`--retrieval polling|fanout`): GetRecords, or enhanced fan-out on the stand-in's TLS port. */
  readonly retrieval: 'polling' | 'fanout';
  readonly ports: StartPorts;
  /** `--help`: print START_USAGE and start nothing. */
  readonly help: boolean;
}

/** Each port of `npm start`: its default, the flag and the variable that move it (named in the "port taken" message). */
export const PORT_SETTINGS: Readonly<
  Record<
    keyof StartPorts,
    { readonly port: number; readonly flag: string; readonly variable: string; readonly what: string }
  >
> = {
  kinesis: {
    port: 4567,
    flag: '--kinesis-port',
    variable: 'LOCAL_KINESIS_PORT',
    what: 'Kinesis stand-in (kinesis-local)',
  },
  dynamodb: {
    port: 4568,
    flag: '--dynamodb-port',
    variable: 'LOCAL_DYNAMODB_PORT',
    what: 'DynamoDB stand-in (dynalite)',
  },
  s3: { port: 4569, flag: '--s3-port', variable: 'LOCAL_S3_PORT', what: 'S3 stand-in (s3rver)' },
  dashboard: {
    port: DASHBOARD_SETTINGS.port.default,
    flag: '--dashboard-port',
    variable: DASHBOARD_SETTINGS.port.variable,
    what: 'dashboard',
  },
  kinesisTls: {
    port: 4571,
    flag: '--kinesis-tls-port',
    variable: 'LOCAL_KINESIS_TLS_PORT',
    what: "Kinesis stand-in's TLS listener",
  },
  postgres: {
    port: 5433,
    flag: '--postgres-port',
    variable: 'LOCAL_POSTGRES_PORT',
    what: 'PostgreSQL (Redshift stand-in)',
  },
};

const DEFAULT_PORTS = Object.fromEntries(
  Object.entries(PORT_SETTINGS).map(([k, v]) => [k, v.port]),
) as unknown as StartPorts;

export const START_DEFAULTS: StartArgs = {
  shards: 2,
  rate: 20,
  postsPerMinute: 3,
  burstMinutes: 10,
  seed: 2026,
  historyDays: 28,
  historyPostsPerDay: 800,
  sinks: 'all',
  streamName: 'sentiment-local',
  applicationName: 'sentiment-local-consumer',
  workerId: 'local-worker-1',
  bucket: 'sentiment-archive',
  records: 1000,
  source: 'sample',
  hashtag: 'ZBE',
  autoscale: false,
  autoscaleInterval: 60,
  kcl: DEFAULT_KCL_GENERATION,
  retrieval: 'polling',
  ports: DEFAULT_PORTS,
  help: false,
};

/** What `npm start -- --help` prints. */
export const START_USAGE = `usage: npm start -- [options]

The whole pipeline on this machine: kinesis-local, dynalite, s3rver and PostgreSQL on loopback, the real KCL
MultiLangDaemon running our consumer, the dashboard, the alerter, the weekly-report scheduler and live sample data,
supervised until Ctrl-C (which stops everything by PID). Data lives in .local/ (docs/running-locally.md).

  --shards N                   shards of the stream (default ${START_DEFAULTS.shards}; 1..50)
  --rate N                     vehicle readings per second (default ${START_DEFAULTS.rate})
  --posts-per-minute N         sample posts per minute outside bursts (default ${START_DEFAULTS.postsPerMinute})
  --burst-minutes N            minutes between negative bursts (default ${START_DEFAULTS.burstMinutes}; 0: none)
  --seed N                     seed of the sample data (default ${START_DEFAULTS.seed})
  --history-days N             days of history backfilled on the first start (default ${START_DEFAULTS.historyDays}; 0: none)
  --history-posts-per-day N    posts on an average day of that history (default ${START_DEFAULTS.historyPostsPerDay})
  --sinks all|none             none: the consumer's dry run (default all)
  --source sample|x|instagram  what feeds the stream (default sample; x and instagram run the collector)
  --hashtag TAG                the collector's hashtag (default ${START_DEFAULTS.hashtag})
  --autoscale                  run the shard scaler against the local stream on a schedule
  --autoscale-interval S       seconds between its runs (default ${START_DEFAULTS.autoscaleInterval}; >= 5)
  --kcl 2|3                    the KCL generation (default KCL_GENERATION, else ${START_DEFAULTS.kcl})
  --retrieval polling|fanout   GetRecords, or enhanced fan-out (default polling)
  --stream, --application, --worker-id, --bucket NAME   local names (defaults ${START_DEFAULTS.streamName}, ...)
${Object.values(PORT_SETTINGS)
  .map((p) => `  ${`${p.flag} N`.padEnd(29)}${p.what} (default ${p.port}; ${p.variable})`)
  .join('\n')}
  --help                       this text

Exit codes: 0 stopped by Ctrl-C, 1 start failed, 2 bad options (every problem listed).`;

type ScalarKey = Exclude<keyof StartArgs, 'ports' | 'autoscale' | 'help'>;
const FLAGS: Readonly<Record<string, ScalarKey>> = {
  '--shards': 'shards',
  '--rate': 'rate',
  '--posts-per-minute': 'postsPerMinute',
  '--burst-minutes': 'burstMinutes',
  '--seed': 'seed',
  '--history-days': 'historyDays',
  '--history-posts-per-day': 'historyPostsPerDay',
  '--sinks': 'sinks',
  '--stream': 'streamName',
  '--application': 'applicationName',
  '--worker-id': 'workerId',
  '--bucket': 'bucket',
  '--records': 'records',
  '--source': 'source',
  '--hashtag': 'hashtag',
  '--autoscale-interval': 'autoscaleInterval',
  '--kcl': 'kcl',
  '--retrieval': 'retrieval',
};
const PORT_FLAGS: Readonly<Record<string, keyof StartPorts>> = Object.fromEntries(
  Object.entries(PORT_SETTINGS).map(([k, v]) => [v.flag, k as keyof StartPorts]),
);

/** Flags over environment (the port variables) over defaults. */
export function parseStartArgs(
  argv: readonly string[],
  defaults: StartArgs = START_DEFAULTS,
  env: Readonly<Record<string, string | undefined>> = {},
): StartArgs {
  const values: Record<string, string | number | boolean> = Object.fromEntries(
    Object.entries(defaults).filter(([k]) => k !== 'ports'),
  ) as Record<string, string | number | boolean>;
  const ports: Record<string, number> = { ...defaults.ports };
  const problems: string[] = [];
  const port = (key: keyof StartPorts, text: string, from: string): void => {
    const n = Number(text);
    if (!/^\d+$/.test(text) || n < 1 || n > 65_535)
      problems.push(`${from} must be a port from 1 to 65535, got "${text}"`);
    ports[key] = n;
  };
  for (const [key, setting] of Object.entries(PORT_SETTINGS)) {
    const text = env[setting.variable];
    if (text !== undefined && text !== '') port(key as keyof StartPorts, text, setting.variable);
  }
  const parsed = parseOptions(argv, {
    autoscale: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
    ...Object.fromEntries(
      [...Object.keys(FLAGS), ...Object.keys(PORT_FLAGS)].map((flag) => [flag.slice(2), { type: 'string' }]),
    ),
  });
  problems.push(...parsed.problems);
  if (parsed.values.autoscale === true) values.autoscale = true;
  if (parsed.values.help === true) values.help = true;
  for (const [flag, portKey] of Object.entries(PORT_FLAGS)) {
    const text = parsed.values[flag.slice(2)];
    if (typeof text === 'string') port(portKey, text, flag);
  }
  for (const [flag, key] of Object.entries(FLAGS)) {
    const text = parsed.values[flag.slice(2)];
    if (typeof text !== 'string') continue;
    if (typeof defaults[key] === 'number') {
      const n = Number(text);
      if (!Number.isInteger(n) || n < 0) problems.push(`${flag} must be a whole number >= 0, got "${text}"`);
      values[key] = n;
    } else {
      values[key] = text;
    }
  }
  if (values.sinks !== 'all' && values.sinks !== 'none')
    problems.push(`--sinks must be all or none, got "${String(values.sinks)}"`);
  if (!['sample', 'x', 'instagram'].includes(String(values.source)))
    problems.push(`--source must be sample, x or instagram, got "${String(values.source)}"`);
  if (typeof values.shards === 'number' && (values.shards < 1 || values.shards > 50))
    problems.push('--shards must be between 1 and 50');
  if (typeof values.historyDays === 'number' && values.historyDays > 366)
    problems.push('--history-days must be at most 366');
  if (typeof values.historyPostsPerDay === 'number' && values.historyPostsPerDay > 20_000)
    problems.push('--history-posts-per-day must be at most 20000 (kinesis-local takes about 1.4 MB/s)');
  if (typeof values.autoscaleInterval === 'number' && values.autoscaleInterval < 5)
    problems.push('--autoscale-interval must be at least 5 seconds');
  if (!(KCL_GENERATIONS as readonly unknown[]).includes(values.kcl))
    problems.push(`--kcl must be ${KCL_GENERATIONS.join(' or ')}, got "${String(values.kcl)}"`);
  if (values.retrieval !== 'polling' && values.retrieval !== 'fanout')
    problems.push(`--retrieval must be polling or fanout, got "${String(values.retrieval)}"`);
  if (problems.length > 0) throw new ConfigError('options', problems);
  return { ...values, ports } as unknown as StartArgs;
}
