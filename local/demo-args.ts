// Parses the options of `npm run demo`: records, shards, rate, timeout; one error listing every problem; --help.
import { ConfigError } from '../common/errors';

export interface DemoArgs {
  readonly records: number;
  readonly shards: number;
  /** User records per second handed to the producer. */
  readonly rate: number;
  /** The whole run (start-up, produce, deliver) must finish within this. */
  readonly timeoutSeconds: number;
  /** Keep the run's folder (logs, data) even on success. */
  readonly keep: boolean;
  readonly help: boolean;
}

export const DEMO_DEFAULTS: DemoArgs = { records: 2_000, shards: 2, rate: 250, timeoutSeconds: 300, keep: false, help: false };

export const DEMO_USAGE = `usage: npm run demo -- [--records N] [--shards S] [--rate R] [--timeout SECONDS] [--keep]

Runs the whole pipeline (stand-ins, the real KCL daemon, our consumer and sinks) on a fresh stream,
produces N traced tweets, waits until every one is in the S3 archive and in PostgreSQL, stops
everything and prints a reconciliation and the freshness of each stage, cold start (the first minute after
the daemon started) and steady state apart. The last line is one JSON object:
  {"produced":N,"archived":N,"loaded":N,"duplicates":0,"missing":0,"p50LatencyMs":...,"p95LatencyMs":...,
   "freshness":{"coldStart":{...},"steadyState":{...},"dominantStage":"loaded"}}
Exit 0 only when nothing is missing or duplicated; 1 otherwise (or on timeout); 2 on bad options.

  --records N        tweets to produce (default ${DEMO_DEFAULTS.records})
  --shards S         shards of the fresh stream, 1-50 (default ${DEMO_DEFAULTS.shards})
  --rate R           tweets per second (default ${DEMO_DEFAULTS.rate})
  --timeout SECONDS  give up after this long (default ${DEMO_DEFAULTS.timeoutSeconds})
  --keep             keep the run's folder (logs, data) after a successful run (it is always kept on failure)
Progress goes to stderr. Stand-ins use the fixed ports of npm start when free, free ports otherwise.`;

const NUMBERS: Readonly<Record<string, 'records' | 'shards' | 'rate' | 'timeoutSeconds'>> = { '--records': 'records', '--shards': 'shards', '--rate': 'rate', '--timeout': 'timeoutSeconds' };

export function parseDemoArgs(argv: readonly string[]): DemoArgs {
  const values = { ...DEMO_DEFAULTS };
  const problems: string[] = [];
  for (let i = 0; i < argv.length; i += 1) {
    const [flag, inline] = (argv[i] ?? '').split('=', 2) as [string, string | undefined];
    if (flag === '--help' || flag === '-h') { values.help = true; continue; }
    if (flag === '--keep') { values.keep = true; continue; }
    const key = NUMBERS[flag];
    if (key === undefined) { problems.push(`unknown option ${flag} (see --help)`); continue; }
    const text = inline ?? argv[++i];
    const n = Number(text);
    if (text === undefined || !Number.isInteger(n) || n < 1) { problems.push(`${flag} must be a whole number >= 1, got ${text === undefined ? 'nothing' : `"${text}"`}`); continue; }
    values[key] = n;
  }
  if (values.shards > 50) problems.push('--shards must be between 1 and 50');
  if (problems.length > 0) throw new ConfigError('demo options', problems);
  return values;
}
