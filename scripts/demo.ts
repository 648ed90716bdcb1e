// `npm run demo -- --records N --shards S`: a bounded run of the whole local pipeline, reconciled; the last stdout line is one JSON object.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createWinstonLogger } from '../common/winston-logger';
import { routeWarningsToLog } from './cli-process';
import { useLocalCredentials } from '../common/aws/local-or-cloud';
import { ensureKclJars } from '../daemon/kcl-jars';
import { DEMO_DEFAULTS, DEMO_USAGE, parseDemoArgs, type DemoArgs } from '../local/demo/demo-args';
import { kclGenerationFromEnv, kclVersion } from '../daemon/kcl-generation';
import { createRunFolder, runDemo } from '../local/demo/demo-run';
import { formatFreshness } from '../local/trace/freshness';
import { runScaleScenario } from '../local/demo/scale-scenario';
import { renderScaleTimeline } from '../local/demo/scale-timeline';
import type { Logger } from '../common/logger';
import { parseCli, runCliEntry } from './cli-entry';

async function main(args: DemoArgs, signal: AbortSignal): Promise<number> {
  const progress = (line: string): void => {
    process.stderr.write(`[demo] ${line}\n`);
  };
  if (!ensureKclJars(args.kcl)) {
    progress('fetching the KCL jars with mvn failed (see above); `npm run kcl:jars` retries it alone');
    return 1;
  }
  const dir = createRunFolder();
  const log = createWinstonLogger({ file: path.join(dir, 'logs', 'demo.log'), errorsToStderr: false });
  routeWarningsToLog(log.logger);
  // Local stand-ins only: dummy keys, so real credentials in this shell are never sent to them.
  useLocalCredentials(process.env);

  if (args.scenario === 'scale') {
    const code = await scaleScenario(args, log.logger, progress, signal, dir);
    await log.close();
    return code;
  }
  const outcome = await runDemo({ args, logger: log.logger, progress, signal: signal, dir });
  await log.close();
  const r = outcome.reconciliation;
  const ok =
    outcome.failure === undefined &&
    r.missing === 0 &&
    r.duplicates === 0 &&
    r.details.unexpected === 0 &&
    r.details.identityMismatches.length === 0 &&
    r.produced === args.records;
  const say = (line: string): void => {
    process.stdout.write(`${line}\n`);
  };
  say(
    `reconciliation of run ${outcome.runId} (KCL ${kclVersion(args.kcl)}, stream ${outcome.streamName}, ${args.shards} shards, ${(outcome.elapsedMs / 1000).toFixed(1)} s):`,
  );
  say(
    `  produced ${r.produced} of ${args.records} | archived ${r.archived} | loaded ${r.loaded} | duplicates ${r.duplicates} (archive ${r.details.archiveDuplicates}, table ${r.details.tableDuplicates}) | missing ${r.missing}`,
  );
  say(
    `  missing from archive ${r.details.missingFromArchive.length}, from table ${r.details.missingFromTable.length}; foreign lines/rows ${r.details.unexpected}; identity mismatches ${r.details.identityMismatches.length}`,
  );
  say(`  latency produce -> row: p50 ${r.p50LatencyMs} ms, p95 ${r.p95LatencyMs} ms`);
  for (const line of formatFreshness(outcome.freshness)) say(`  ${line}`);
  if (outcome.failure !== undefined)
    say(
      `FAILED: ${outcome.failure} while waiting for every record to be archived and loaded (the counts above are after the graceful stop); logs kept in ${path.join(outcome.dir, 'logs')}`,
    );
  else if (!ok) say(`FAILED: records missing or duplicated; logs kept in ${path.join(outcome.dir, 'logs')}`);
  if (ok && !args.keep) fs.rmSync(outcome.dir, { recursive: true, force: true });
  else if (ok) say(`run folder kept: ${outcome.dir}`);
  const t = outcome.timeToAlert;
  if (t !== undefined)
    say(
      `  time to alert (4th negative post produced -> alert written), ${t.samplesMs.length} of ${args.bursts} bursts: p50 ${(t.p50Ms / 1000).toFixed(1)} s, p95 ${(t.p95Ms / 1000).toFixed(1)} s (goal p95 <= 10 s)${t.missed > 0 ? `; ${t.missed} burst(s) raised no alert` : ''}`,
    );
  const alertOk = t === undefined || t.missed === 0;
  if (ok && !alertOk) say('FAILED: a scripted burst raised no alert');
  say(
    JSON.stringify({
      consumer: args.consumer,
      ...(args.consumer === 'kcl' ? { kcl: kclVersion(args.kcl), retrieval: args.retrieval } : {}),
      produced: r.produced,
      archived: r.archived,
      loaded: r.loaded,
      duplicates: r.duplicates,
      missing: r.missing,
      p50LatencyMs: r.p50LatencyMs,
      p95LatencyMs: r.p95LatencyMs,
      freshness: outcome.freshness,
      ...(t === undefined
        ? {}
        : {
            timeToAlert: {
              bursts: args.bursts,
              missed: t.missed,
              p50Ms: t.p50Ms,
              p95Ms: t.p95Ms,
              samplesMs: t.samplesMs,
            },
          }),
    }),
  );
  return ok && alertOk ? 0 : 1;
}

async function scaleScenario(
  args: DemoArgs,
  logger: Logger,
  progress: (line: string) => void,
  signal: AbortSignal,
  dir: string,
): Promise<number> {
  const outcome = await runScaleScenario({ settings: args.scale, kcl: args.kcl, logger, progress, signal, dir });
  const r = outcome.reconciliation;
  const t = outcome.timeline;
  const exact =
    r.missing === 0 && r.duplicates === 0 && r.details.unexpected === 0 && r.details.identityMismatches.length === 0;
  const scaled =
    t.scaleUp !== null && t.scaleDown !== null && t.scaleUp.parentsFinishedFirst && t.scaleDown.parentsFinishedFirst;
  const ok = outcome.failure === undefined && exact && scaled;
  const say = (line: string): void => {
    process.stdout.write(`${line}\n`);
  };
  const s = args.scale;
  say(
    `scale scenario ${outcome.runId} (stream ${outcome.streamName}, ${(outcome.elapsedMs / 1000).toFixed(0)} s; overload ${s.overloadRate}/s, low ${s.lowRate}/s, window ${s.windowMinutes} min, cooldown ${s.cooldownMinutes} min):`,
  );
  for (const line of renderScaleTimeline(t)) say(line);
  say(
    `reconciliation: produced ${r.produced} | archived ${r.archived} | loaded ${r.loaded} | duplicates ${r.duplicates} | missing ${r.missing} | foreign ${r.details.unexpected} | identity mismatches ${r.details.identityMismatches.length}`,
  );
  if (outcome.failure !== undefined) say(`FAILED: ${outcome.failure}; logs kept in ${path.join(dir, 'logs')}`);
  else if (!ok)
    say(
      `FAILED: ${scaled ? 'records missing or duplicated' : 'no complete scale-up and scale-down'}; logs kept in ${path.join(dir, 'logs')}`,
    );
  if (ok && !args.keep) fs.rmSync(dir, { recursive: true, force: true });
  say(
    JSON.stringify({
      scaleUp:
        t.scaleUp === null
          ? null
          : {
              from: t.scaleUp.from,
              to: t.scaleUp.to,
              decidedAtS: t.scaleUp.decidedAtS,
              appliedAtS: t.scaleUp.appliedAtS,
              childrenConsumedAtS: t.scaleUp.childrenConsumedAtS,
            },
      scaleDown:
        t.scaleDown === null
          ? null
          : {
              from: t.scaleDown.from,
              to: t.scaleDown.to,
              decidedAtS: t.scaleDown.decidedAtS,
              appliedAtS: t.scaleDown.appliedAtS,
              childrenConsumedAtS: t.scaleDown.childrenConsumedAtS,
            },
      parentsFinishedFirst: t.scaleUp?.parentsFinishedFirst === true && t.scaleDown?.parentsFinishedFirst === true,
      budget: t.budget,
      produced: r.produced,
      archived: r.archived,
      loaded: r.loaded,
      duplicates: r.duplicates,
      missing: r.missing,
    }),
  );
  return ok ? 0 : 1;
}

runCliEntry(
  'demo',
  async (argv, deps) => {
    const parsed = parseCli(
      DEMO_USAGE,
      deps,
      () => parseDemoArgs(argv, { ...DEMO_DEFAULTS, kcl: kclGenerationFromEnv(deps.env) }),
      (args) => args.help,
    );
    return parsed.exit ?? main(parsed.args, deps.signal);
  },
  { localOrCloud: false, logFile: false, forceExit: true },
);
