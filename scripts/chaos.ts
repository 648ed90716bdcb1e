// `npm run chaos -- --faults N --seed S [--json]`: the local pipeline under N seeded faults, reconciled; the last stdout line is one JSON object.
import * as fs from 'node:fs';
import { ConfigError } from '../common/errors';
import { jarsPresent } from '../daemon/kcl-daemon';
import { FAULT_KINDS } from '../local/soak/chaos-faults';
import { isExact, runChaos } from '../local/soak/chaos-run';
import { parseFlags, type FlagKind } from '../local/soak/soak-args';
import { openSoakSession } from '../local/soak/soak-session';
import { parseCli, runCliEntry } from './cli-entry';

const USAGE = `usage: npm run chaos -- --faults N --seed S [--shards S] [--rate R] [--pause SECONDS] [--timeout SECONDS] [--keep] [--json]

Runs the local pipeline (stand-ins, the real KCL daemon under its supervisor, our consumer and both sinks)
while producing traced tweets, injects N faults drawn at random from the seed among:
  ${FAULT_KINDS.join(', ')}
then waits until everything is delivered, reconciles the S3 archive, the PostgreSQL table and the dead
letters, and prints as its last stdout line:
  {"faults":N,"produced":..,"archived":..,"loaded":..,"deadLettered":..,"missing":0,"duplicates":0,"maxStallMs":..}
(maxStallMs: the longest time with tweets accepted by Kinesis, not yet loaded, and the loaded count not moving).
Exit 0 only when exact: every tweet archived and loaded once, dead letters equal to the poison sent, and no stall
over 60 s; 1 otherwise (or on timeout); 2 on bad options. Progress on stderr.

  --faults N         faults to inject (required)
  --seed S           seed of the fault sequence (required; the same seed injects the same faults)
  --shards S         shards of the fresh stream (default 2; reshards go to 2S and back)
  --rate R           tweets per second while faults are injected (default 50)
  --pause SECONDS    producing time between two faults (default 5)
  --timeout SECONDS  how long to wait for delivery after the last fault (default 600)
  --keep             keep the run folder (logs, data) even when exact (always kept otherwise)
  --json             print only the JSON lines on stdout`;

interface Args extends Record<string, number | boolean | string> {
  faults: number;
  seed: number;
  shards: number;
  rate: number;
  pause: number;
  timeout: number;
  keep: boolean;
  json: boolean;
  help: boolean;
}
const SPEC: Record<string, [keyof Args & string, FlagKind]> = {
  '--faults': ['faults', 'integer'],
  '--seed': ['seed', 'integer'],
  '--shards': ['shards', 'integer'],
  '--rate': ['rate', 'integer'],
  '--pause': ['pause', 'integer'],
  '--timeout': ['timeout', 'integer'],
  '--keep': ['keep', 'boolean'],
  '--json': ['json', 'boolean'],
  '--help': ['help', 'boolean'],
  '-h': ['help', 'boolean'],
};

async function main(args: Args): Promise<number> {
  const session = openSoakSession('chaos');
  const say = (line: string): void => {
    process.stdout.write(`${line}\n`);
  };
  if (!jarsPresent()) {
    session.progress('KCL jars missing: run `npm run kcl:jars` first');
    return 1;
  }
  const stack = await session.startStack();
  let outcome;
  try {
    outcome = await runChaos({
      stack,
      dir: session.dir,
      faults: args.faults,
      seed: args.seed,
      shards: args.shards,
      ratePerSecond: args.rate,
      pauseMs: args.pause * 1_000,
      deliveryTimeoutMs: args.timeout * 1_000,
      logger: session.logger,
      progress: session.progress,
      signal: session.signal,
    });
  } finally {
    await stack.stop();
  }
  const exact = isExact(outcome) && !session.signal.aborted;
  if (!args.json) {
    say(
      `chaos run ${outcome.runId}, seed ${args.seed}, ${outcome.injected.length}/${outcome.faults} faults in ${(outcome.elapsedMs / 1000).toFixed(0)} s: ${exact ? 'EXACT' : 'NOT EXACT'}`,
    );
    for (const f of outcome.injected) say(`  ${f.kind}: ${f.what} (${(f.tookMs / 1000).toFixed(1)} s)`);
    say(
      `  poison sent ${outcome.poisonSent}, dead-lettered ${outcome.deadLettered}; foreign lines/rows ${outcome.unexpected}; every record delivered before the stop: ${outcome.delivered}`,
    );
  }
  say(
    JSON.stringify({
      seed: args.seed,
      seconds: Math.round(outcome.elapsedMs / 1000),
      maxStallAtS: outcome.maxStallAtS,
      poisonSent: outcome.poisonSent,
      lost: outcome.lost,
      unexpected: outcome.unexpected,
      injected: outcome.injected.map((f) => f.kind),
    }),
  );
  say(
    JSON.stringify({
      faults: outcome.faults,
      produced: outcome.produced,
      archived: outcome.archived,
      loaded: outcome.loaded,
      deadLettered: outcome.deadLettered,
      missing: outcome.missing,
      duplicates: outcome.duplicates,
      maxStallMs: outcome.maxStallMs,
    }),
  );
  if (exact && !args.keep) fs.rmSync(session.dir, { recursive: true, force: true });
  else session.progress(`run folder kept: ${session.dir}`);
  await session.close();
  return exact ? 0 : 1;
}

function parseChaosArgs(argv: readonly string[]): Args {
  const args = parseFlags<Args>('chaos options', argv, SPEC, {
    faults: -1,
    seed: -1,
    shards: 2,
    rate: 50,
    pause: 5,
    timeout: 600,
    keep: false,
    json: false,
    help: false,
  });
  const problems = [
    ...(args.help || args.faults >= 0 ? [] : ['--faults N is required']),
    ...(args.help || args.seed >= 0 ? [] : ['--seed S is required']),
    ...(args.shards >= 1 && args.shards <= 25 ? [] : ['--shards must be between 1 and 25']),
    ...(args.rate >= 1 ? [] : ['--rate must be at least 1']),
  ];
  if (problems.length > 0) throw new ConfigError('chaos options', problems);
  return args;
}

runCliEntry(
  'chaos',
  async (argv, deps) => {
    const parsed = parseCli(
      USAGE,
      deps,
      () => parseChaosArgs(argv),
      (args) => args.help,
    );
    return parsed.exit ?? main(parsed.args);
  },
  { localOrCloud: false, logFile: false, forceExit: true },
);
