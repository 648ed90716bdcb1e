// Parses the options of `npm start` (and reuses them for `npm run demo`): shards, rate, sinks, names; one error listing every problem.
import { ConfigError } from '../common/errors';
import { DEFAULT_KCL_GENERATION, KCL_GENERATIONS, type KclGeneration } from './kcl-generation';

export interface StartArgs {
  readonly shards: number;
  /** Sample records per second; 0 disables the producer. */
  readonly rate: number;
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
}

export const START_DEFAULTS: StartArgs = {
  shards: 2, rate: 20, sinks: 'all', streamName: 'sentiment-local', applicationName: 'sentiment-local-consumer',
  workerId: 'local-worker-1', bucket: 'sentiment-archive', records: 1000, source: 'sample', hashtag: 'ZBE',
  autoscale: false, autoscaleInterval: 60, kcl: DEFAULT_KCL_GENERATION,
};

const FLAGS: Readonly<Record<string, keyof StartArgs>> = {
  '--shards': 'shards', '--rate': 'rate', '--sinks': 'sinks', '--stream': 'streamName', '--application': 'applicationName',
  '--worker-id': 'workerId', '--bucket': 'bucket', '--records': 'records', '--source': 'source', '--hashtag': 'hashtag',
  '--autoscale-interval': 'autoscaleInterval', '--kcl': 'kcl',
};

export function parseStartArgs(argv: readonly string[], defaults: StartArgs = START_DEFAULTS): StartArgs {
  const values: Record<string, string | number | boolean> = { ...defaults };
  const problems: string[] = [];
  for (let i = 0; i < argv.length; i += 1) {
    const [flag, inline] = (argv[i] ?? '').split('=', 2) as [string, string | undefined];
    if (flag === '--autoscale' && inline === undefined) { values.autoscale = true; continue; }
    const key = FLAGS[flag];
    if (key === undefined) { problems.push(`unknown option ${flag} (known: --autoscale, ${Object.keys(FLAGS).join(', ')})`); continue; }
    const text = inline ?? argv[++i];
    if (text === undefined) { problems.push(`${flag} needs a value`); continue; }
    if (typeof defaults[key] === 'number') {
      const n = Number(text);
      if (!Number.isInteger(n) || n < 0) problems.push(`${flag} must be a whole number >= 0, got "${text}"`);
      values[key] = n;
    } else {
      values[key] = text;
    }
  }
  if (values.sinks !== 'all' && values.sinks !== 'none') problems.push(`--sinks must be all or none, got "${String(values.sinks)}"`);
  if (!['sample', 'x', 'instagram'].includes(String(values.source))) problems.push(`--source must be sample, x or instagram, got "${String(values.source)}"`);
  if (typeof values.shards === 'number' && (values.shards < 1 || values.shards > 50)) problems.push('--shards must be between 1 and 50');
  if (typeof values.autoscaleInterval === 'number' && values.autoscaleInterval < 5) problems.push('--autoscale-interval must be at least 5 seconds');
  if (!(KCL_GENERATIONS as readonly unknown[]).includes(values.kcl)) problems.push(`--kcl must be ${KCL_GENERATIONS.join(' or ')}, got "${String(values.kcl)}"`);
  if (problems.length > 0) throw new ConfigError('options', problems);
  return values as unknown as StartArgs;
}
