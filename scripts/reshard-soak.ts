// `npm run reshard-soak -- --runs 20 --splits 2:4,4:2,2:3`: repeated reshard-under-load runs; duplicates and losses per split.
import * as fs from 'node:fs';
import { ConfigError } from '../common/errors';
import { jarsPresent } from '../daemon/kcl-daemon';
import { DEFAULT_KCL_GENERATION, parseKclGeneration } from '../daemon/kcl-generation';
import { parseFlags, type FlagKind } from '../local/soak/soak-args';
import { runReshardOnce, type ReshardRunResult } from '../local/soak/reshard-soak-run';
import { openSoakSession } from '../local/soak/soak-session';
import { parseCli, runCliEntry } from './cli-entry';

const USAGE = `usage: npm run reshard-soak -- [--runs N] [--splits FROM:TO,...] [--rate R] [--no-guard] [--kcl 2|3] [--keep] [--json]

Runs the local pipeline with the real KCL daemon N times per split. Each run: a fresh stream of FROM shards,
traced tweets through our aggregating producer at R records/s, UpdateShardCount FROM -> TO while producing,
then waits until both sinks hold every record and reconciles them. Progress on stderr; one JSON line per split
on stdout, then a last JSON line {"runs":..,"clean":..,"duplicates":..,"missing":..,"splits":[...]}.
Exit 0 only when every run is exact (no duplicate, nothing missing); 1 otherwise; 2 on bad options.

  --runs N           runs per split (default 20)
  --splits LIST      comma-separated FROM:TO pairs (default 2:4,4:2,2:3)
  --rate R           tweets per second while resharding (default 150)
  --no-guard         consumers run with SHARD_RANGE_FILTER=off (the baseline before the shard-range guard)
  --kcl 2|3          the KCL generation of the daemon (default ${DEFAULT_KCL_GENERATION}); KCL 2.7.2 does not filter sub-records of a child it does not know yet
  --keep             keep the run folder (logs, data) even when every run is exact
  --json             print only the JSON lines on stdout`;

interface Args extends Record<string, number | boolean | string> {
  runs: number;
  splits: string;
  rate: number;
  noGuard: boolean;
  kcl: string;
  keep: boolean;
  json: boolean;
  help: boolean;
}
const SPEC: Record<string, [keyof Args & string, FlagKind]> = {
  '--runs': ['runs', 'integer'],
  '--splits': ['splits', 'string'],
  '--rate': ['rate', 'integer'],
  '--no-guard': ['noGuard', 'boolean'],
  '--kcl': ['kcl', 'string'],
  '--keep': ['keep', 'boolean'],
  '--json': ['json', 'boolean'],
  '--help': ['help', 'boolean'],
  '-h': ['help', 'boolean'],
};

function parseSplits(text: string): Array<[number, number]> {
  const pairs = text.split(',').map((p) => p.split(':').map(Number));
  const bad = pairs.filter(
    (p) =>
      p.length !== 2 ||
      p.some((n) => !Number.isInteger(n) || n < 1) ||
      p[1] > p[0] * 2 ||
      p[1] * 2 < p[0] ||
      p[0] === p[1],
  );
  if (bad.length > 0)
    throw new ConfigError('reshard-soak options', [
      `--splits needs FROM:TO pairs with TO in [FROM/2, FROM*2] and TO != FROM, got "${text}"`,
    ]);
  return pairs as Array<[number, number]>;
}

async function main(args: Args): Promise<number> {
  const splits = parseSplits(args.splits);
  const generation = parseKclGeneration(args.kcl) ?? DEFAULT_KCL_GENERATION;
  const session = openSoakSession('reshard-soak');
  const say = (line: string): void => {
    process.stdout.write(`${line}\n`);
  };
  if (!jarsPresent(generation)) {
    session.progress('KCL jars missing: run `npm run kcl:jars` first');
    return 1;
  }
  const summaries: Record<string, unknown>[] = [];
  let allClean = true;
  const stack = await session.startStack();
  try {
    for (const [from, to] of splits) {
      const results: ReshardRunResult[] = [];
      for (let run = 1; run <= args.runs && !session.signal.aborted; run += 1) {
        const r = await runReshardOnce({
          stack,
          dir: session.dir,
          from,
          to,
          ratePerSecond: args.rate,
          beforeMs: 4_000,
          afterMs: 3_000,
          deliveryTimeoutMs: 240_000,
          guard: !args.noGuard,
          generation,
          logger: session.logger,
          progress: session.progress,
        });
        results.push(r);
        const clean =
          r.delivered &&
          r.duplicates === 0 &&
          r.missing === 0 &&
          r.unexpected === 0 &&
          r.archived === r.produced &&
          r.loaded === r.produced;
        session.progress(
          `${from}->${to} run ${run}/${args.runs}: ${clean ? 'exact' : 'NOT EXACT'} produced ${r.produced} archived ${r.archived} loaded ${r.loaded} duplicates ${r.duplicates} missing ${r.missing} (lost ${r.lost}) guard-dropped aggregates ${r.guardDroppedAggregates} (${(r.elapsedMs / 1000).toFixed(0)} s, ${r.runId})`,
        );
      }
      const clean = results.filter(
        (r) => r.delivered && r.duplicates === 0 && r.missing === 0 && r.unexpected === 0,
      ).length;
      const summary = {
        split: `${from}->${to}`,
        runs: results.length,
        clean,
        duplicates: sum(results, 'duplicates'),
        missing: sum(results, 'missing'),
        lost: sum(results, 'lost'),
        runsWithDuplicates: results.filter((r) => r.duplicates > 0).length,
        produced: sum(results, 'produced'),
        guardDroppedAggregates: sum(results, 'guardDroppedAggregates'),
        meanRunSeconds: Math.round(sum(results, 'elapsedMs') / Math.max(1, results.length) / 1000),
        guard: !args.noGuard,
        kcl: generation,
      };
      if (clean !== args.runs) allClean = false;
      summaries.push(summary);
      say(JSON.stringify(summary));
    }
  } finally {
    await stack.stop();
  }
  say(
    JSON.stringify({
      runs: summaries.reduce((n, s) => n + Number(s.runs), 0),
      clean: summaries.reduce((n, s) => n + Number(s.clean), 0),
      duplicates: summaries.reduce((n, s) => n + Number(s.duplicates), 0),
      missing: summaries.reduce((n, s) => n + Number(s.missing), 0),
      splits: summaries,
    }),
  );
  if (allClean && !args.keep) fs.rmSync(session.dir, { recursive: true, force: true });
  else session.progress(`run folder kept: ${session.dir}`);
  await session.close();
  return allClean && !session.signal.aborted ? 0 : 1;
}

function sum(
  results: readonly ReshardRunResult[],
  key: 'duplicates' | 'missing' | 'lost' | 'produced' | 'guardDroppedAggregates' | 'elapsedMs',
): number {
  return results.reduce((n, r) => n + r[key], 0);
}

function parseReshardSoakArgs(argv: readonly string[]): Args {
  const args = parseFlags<Args>('reshard-soak options', argv, SPEC, {
    runs: 20,
    splits: '2:4,4:2,2:3',
    rate: 150,
    noGuard: false,
    kcl: String(DEFAULT_KCL_GENERATION),
    keep: false,
    json: false,
    help: false,
  });
  if (args.help) return args;
  const problems: string[] = [];
  try {
    parseSplits(args.splits);
  } catch (error: unknown) {
    problems.push(...(error instanceof ConfigError ? error.problems : [String(error)]));
  }
  if (parseKclGeneration(args.kcl) === undefined) problems.push(`--kcl must be 2 or 3, got "${args.kcl}"`);
  if (problems.length > 0) throw new ConfigError('reshard-soak options', problems);
  return args;
}

runCliEntry(
  'reshard-soak',
  async (argv, deps) => {
    const parsed = parseCli(
      USAGE,
      deps,
      () => parseReshardSoakArgs(argv),
      (args) => args.help,
    );
    return parsed.exit ?? main(parsed.args);
  },
  { localOrCloud: false, logFile: false, forceExit: true },
);
