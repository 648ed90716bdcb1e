// Parses the options of `npm run demo`: the scenario (reconcile or scale), records, shards, rates, timings; one error listing every problem; --help.
import { parseOptions, type OptionSpec } from '../../common/config/parse-options';
import { ConfigError } from '../../common/errors';
import { RETRIEVAL_MODES, type RetrievalMode } from '../wiring/local-daemon';
import { SCALE_SCENARIO_DEFAULTS, type ScaleScenarioSettings } from './scale-scenario-settings';
import {
  DEFAULT_KCL_GENERATION,
  KCL_GENERATION_VARIABLE,
  parseKclGeneration,
  type KclGeneration,
} from '../../daemon/kcl-generation';

/** How the stream is consumed: the KCL MultiLangDaemon with our processor, or our Lambda handler. */
export const CONSUMER_MODES = ['kcl', 'lambda'] as const;
export type ConsumerMode = (typeof CONSUMER_MODES)[number];

export interface DemoArgs {
  /** `reconcile` (default): a bounded run, reconciled; `scale`: overload one shard, watch the scaler scale up and down. */
  readonly scenario: 'reconcile' | 'scale';
  /** Settings of the scale scenario (rates, cooldown, window, timeout). */
  readonly scale: ScaleScenarioSettings;
  readonly records: number;
  readonly shards: number;
  /** User records per second handed to the producer. */
  readonly rate: number;
  /** The whole run (start-up, produce, deliver) must finish within this. */
  readonly timeoutSeconds: number;
  /** Keep the run's folder (logs, data) even on success. */
  readonly keep: boolean;
  /** The KCL generation the daemon runs: `--kcl 2|3`, else KCL_GENERATION, else DEFAULT_KCL_GENERATION. */
  readonly kcl: KclGeneration;
  /** Scripted negative bursts after delivery, to measure time to alert (0: skip). */
  readonly bursts: number;
  /** `kcl` (default): the MultiLangDaemon and our processor; `lambda`: our Lambda handler behind a local event source mapping. */
  readonly consumer: ConsumerMode;
  /** The daemon's retrieval: `polling` (GetRecords, default) or `fanout` (enhanced fan-out over the stand-in's TLS port). */
  readonly retrieval: RetrievalMode;
  readonly help: boolean;
}

export const DEMO_DEFAULTS: DemoArgs = {
  scenario: 'reconcile',
  scale: SCALE_SCENARIO_DEFAULTS,
  records: 2_000,
  shards: 2,
  rate: 250,
  timeoutSeconds: 300,
  keep: false,
  bursts: 5,
  consumer: 'kcl',
  retrieval: 'polling',
  help: false,
  kcl: DEFAULT_KCL_GENERATION,
};

export const DEMO_USAGE = `usage: npm run demo -- [--records N] [--shards S] [--rate R] [--kcl 2|3] [--timeout SECONDS] [--keep]

Runs the whole pipeline (stand-ins, the real KCL daemon, our consumer and sinks) on a fresh stream,
produces N traced tweets, waits until every one is in the S3 archive and in PostgreSQL, stops
everything and prints a reconciliation and the freshness of each stage, cold start (the first minute after
the daemon started) and steady state apart. The last line is one JSON object:
  {"produced":N,"archived":N,"loaded":N,"duplicates":0,"missing":0,"p50LatencyMs":...,"p95LatencyMs":...,
   "freshness":{"coldStart":{...},"steadyState":{...},"dominantStage":"loaded"}}
Then, unless --bursts 0, B scripted bursts of 4 negative posts go through the same pipeline while the real
alerter runs (polling every second): time to alert is from handing the 4th post to the producer to the alert line,
added to the JSON as "timeToAlert":{"bursts":B,"missed":0,"p50Ms":...,"p95Ms":...,"samplesMs":[...]}.
Exit 0 only when nothing is missing or duplicated; 1 otherwise (or on timeout); 2 on bad options.

  --records N        tweets to produce (default ${DEMO_DEFAULTS.records})
  --shards S         shards of the fresh stream, 1-50 (default ${DEMO_DEFAULTS.shards})
  --rate R           tweets per second (default ${DEMO_DEFAULTS.rate})
  --kcl 2|3          KCL generation of the daemon: 2 (KCL 2.7.2) or 3 (KCL 3.1.3); default ${KCL_GENERATION_VARIABLE}, else ${DEFAULT_KCL_GENERATION}
  --consumer kcl|lambda  kcl (default): the MultiLangDaemon runs our processor; lambda: our Lambda handler
                     (consumer/lambda) invoked by a local event source mapping in Lambda's event shape
  --retrieval polling|fanout  the daemon's retrieval: polling (GetRecords, default) or fanout (enhanced fan-out:
                     SubscribeToShard over HTTP/2 on the Kinesis stand-in's TLS port, its certificate trusted by the JVM)
  --timeout SECONDS  give up after this long (default ${DEMO_DEFAULTS.timeoutSeconds})
  --bursts B         negative bursts for the time-to-alert figures, 0 skips them (default ${DEMO_DEFAULTS.bursts})
  --keep             keep the run's folder (logs, data) after a successful run (it is always kept on failure)

  --scenario scale   instead: a fresh 1-shard stream, low load, then --overload-rate unaggregated records/s (past the
                     shard's write quota) until the scaler (its \`run\` every ${SCALE_SCENARIO_DEFAULTS.scalerIntervalSeconds} s, local metrics) has
                     scaled up, then --low-rate until it has scaled down after the cooldown and the merged shard is read;
                     prints the timeline and the reconciliation; exit 0 only with a scale-up, a scale-down, parents
                     finished before children and nothing missing or duplicated.
  --shard-records-quota N  the shard write quota the scaler measures against (default ${SCALE_SCENARIO_DEFAULTS.shardRecordsQuota}: kinesis-local
                     carries ~130 records/s on a shared 2-core machine; Kinesis' real quota is 1000, bytes scale alike)
  --overload-rate R  (default ${SCALE_SCENARIO_DEFAULTS.overloadRate})   --low-rate R (default ${SCALE_SCENARIO_DEFAULTS.lowRate})
  --cooldown-minutes M  scale-down cooldown (default ${SCALE_SCENARIO_DEFAULTS.cooldownMinutes}; production default 60)
  --window-minutes M    scaler metrics window (default ${SCALE_SCENARIO_DEFAULTS.windowMinutes}; production default 60)
  (the scale scenario's timeout defaults to ${SCALE_SCENARIO_DEFAULTS.timeoutSeconds} s)
Progress goes to stderr. Stand-ins use the fixed ports of npm start when free, free ports otherwise.`;

const NUMBERS: Readonly<Record<string, 'records' | 'shards' | 'rate' | 'timeoutSeconds'>> = {
  records: 'records',
  shards: 'shards',
  rate: 'rate',
  timeout: 'timeoutSeconds',
};
const SCALE_NUMBERS: Readonly<
  Record<string, 'shardRecordsQuota' | 'overloadRate' | 'lowRate' | 'cooldownMinutes' | 'windowMinutes'>
> = {
  'shard-records-quota': 'shardRecordsQuota',
  'overload-rate': 'overloadRate',
  'low-rate': 'lowRate',
  'cooldown-minutes': 'cooldownMinutes',
  'window-minutes': 'windowMinutes',
};

const OPTIONS: OptionSpec = {
  help: { type: 'boolean', short: 'h' },
  keep: { type: 'boolean' },
  bursts: { type: 'string' },
  scenario: { type: 'string' },
  consumer: { type: 'string' },
  retrieval: { type: 'string' },
  kcl: { type: 'string' },
  ...Object.fromEntries(
    [...Object.keys(NUMBERS), ...Object.keys(SCALE_NUMBERS)].map((name) => [name, { type: 'string' }]),
  ),
};

/** `defaults` lets the caller put KCL_GENERATION in (see kclGenerationFromEnv): only the entry reads the environment. */
export function parseDemoArgs(argv: readonly string[], defaults: DemoArgs = DEMO_DEFAULTS): DemoArgs {
  const values: { -readonly [K in keyof DemoArgs]: DemoArgs[K] } = { ...defaults };
  const scale: { -readonly [K in keyof ScaleScenarioSettings]: ScaleScenarioSettings[K] } = {
    ...SCALE_SCENARIO_DEFAULTS,
  };
  const parsed = parseOptions(argv, OPTIONS);
  const given = (name: string): string | undefined => {
    const value = parsed.values[name];
    return typeof value === 'string' ? value : undefined;
  };
  const problems = [...parsed.problems];
  if (parsed.values.help === true) values.help = true;
  if (parsed.values.keep === true) values.keep = true;
  const bursts = given('bursts');
  if (bursts !== undefined) {
    const n = Number(bursts);
    if (!Number.isInteger(n) || n < 0 || n > 100)
      problems.push(`--bursts must be a whole number from 0 to 100, got "${bursts}"`);
    else values.bursts = n;
  }
  const scenario = given('scenario');
  if (scenario === 'scale' || scenario === 'reconcile') values.scenario = scenario;
  else if (scenario !== undefined) problems.push(`--scenario must be reconcile or scale, got "${scenario}"`);
  const consumer = given('consumer');
  if (consumer !== undefined) {
    if ((CONSUMER_MODES as readonly string[]).includes(consumer)) values.consumer = consumer as ConsumerMode;
    else problems.push(`--consumer must be kcl or lambda, got "${consumer}"`);
  }
  const retrieval = given('retrieval');
  if (retrieval !== undefined) {
    if ((RETRIEVAL_MODES as readonly string[]).includes(retrieval)) values.retrieval = retrieval as RetrievalMode;
    else problems.push(`--retrieval must be polling or fanout, got "${retrieval}"`);
  }
  const kcl = given('kcl');
  if (kcl !== undefined) {
    const generation = parseKclGeneration(kcl);
    if (generation === undefined) problems.push(`--kcl must be 2 or 3, got "${kcl}"`);
    else values.kcl = generation;
  }
  /** A whole number >= `least`, or undefined (absent, or a problem recorded). */
  const whole = (name: string, least: number): number | undefined => {
    const text = given(name);
    if (text === undefined) return undefined;
    const n = Number(text);
    if (Number.isInteger(n) && n >= least) return n;
    problems.push(`--${name} must be a whole number >= ${least}, got "${text}"`);
    return undefined;
  };
  for (const [name, key] of Object.entries(NUMBERS)) {
    const n = whole(name, 1);
    if (n !== undefined) values[key] = n;
  }
  for (const [name, key] of Object.entries(SCALE_NUMBERS)) {
    const n = whole(name, key === 'cooldownMinutes' ? 0 : key === 'windowMinutes' ? 2 : 1);
    if (n !== undefined) scale[key] = n;
  }
  if (values.scenario === 'scale' && given('timeout') !== undefined) scale.timeoutSeconds = values.timeoutSeconds;
  values.scale = scale;
  if (values.shards > 50) problems.push('--shards must be between 1 and 50');
  if (values.consumer === 'lambda' && values.retrieval === 'fanout')
    problems.push(
      "--retrieval fanout is the KCL daemon's; the Lambda consumer reads by polling (--consumer kcl for fan-out)",
    );
  if (problems.length > 0) throw new ConfigError('demo options', problems);
  return values;
}
