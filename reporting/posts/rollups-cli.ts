// `npm run rollups`: keeps the dashboard's hourly rollups in step with the posts table, every N seconds or once; the only writer of the rollups.
import { parseArgs } from 'node:util';
import { ConfigReader } from '../../common/config/config-reader';
import { settingsText } from '../../common/config/setting';
import { describeError } from '../../common/errors';
import { redactText } from '../../common/redact';
import { sleep } from '../../common/sleep';
import { failureExit, type CliDeps } from '../cli-deps';
import { REPORTING_EXIT } from '../reporting-errors';
import { PgQueryRunner } from './pg-query-runner';
import { readPostsSource } from './posts-source';
import { RollupRefresher, type RollupProgress } from './rollup-refresher';
import { ROLLUP_REFRESH_FAILED, ROLLUP_SETTINGS as S } from './rollup-settings';

export const ROLLUPS_USAGE = `usage: npm run rollups -- [--once] [--interval SECONDS] [--json]
  keeps the dashboard's rollups (<posts table>_hourly, _terms_hourly, _terms_daily, _rollup_state) in step with the
  posts table: each refresh recomputes the UTC hours whose posts were loaded since the last one. The dashboard reads
  them (DASHBOARD_ROLLUP_SECONDS=0: it never writes); \`npm start\` runs this beside it, the deployment as its own task
  with its own database user (rollup_writer; docs/deploying-dashboard.md).
  --once                one refresh, then exit
  --interval SECONDS    between refreshes (ROLLUPS_INTERVAL_SECONDS, 60)
  --json                one JSON object per refresh on stdout:
                        {"table":"...","hours":N,"loadedThrough":ISO|null,"completeBefore":ISO|null,"durationMs":N}
                        (--once on an error: {"error":"...","exitCode":1|2})
  env: REDSHIFT_URL (+ REDSHIFT_PASSWORD) or ENDPOINTS_FILE, REDSHIFT_POSTS_TABLE, REDSHIFT_DIALECT, ROLLUPS_LOG_FILE
exit codes: 0 done (or stopped), 1 error (--once: the refresh failed), 2 bad arguments or configuration
  (without --once a failed refresh is logged and tried again at the next interval)`;

/** One refresh as printed with --json. */
export interface RollupsSummary {
  readonly table: string;
  readonly hours: number;
  readonly loadedThrough: string | null;
  readonly completeBefore: string | null;
  readonly durationMs: number;
}

export async function runRollupsCli(argv: readonly string[], deps: CliDeps): Promise<number> {
  let runner: PgQueryRunner | undefined;
  let jsonOnce = false;
  try {
    const { values } = parseArgs({
      args: [...argv],
      strict: true,
      options: {
        once: { type: 'boolean' },
        interval: { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean' },
      },
    });
    if (values.help === true) {
      deps.print(ROLLUPS_USAGE);
      return REPORTING_EXIT.ok;
    }
    const once = values.once === true;
    const json = values.json === true;
    jsonOnce = once && json;
    const config = new ConfigReader('rollups', [settingsText(S, { intervalSeconds: values.interval }), deps.env]);
    const source = readPostsSource(config);
    const { intervalSeconds } = config.finish({
      intervalSeconds: config.integer(S.intervalSeconds.variable, S.intervalSeconds.default, { min: 1, max: 86_400 }),
    });
    const now = deps.now ?? Date.now;
    runner = new PgQueryRunner(source, deps.logger);
    const refresher = new RollupRefresher(runner, source.table, source.engine ?? 'postgresql', deps.logger, now);
    if (!once)
      deps.printError(
        `rollups: refreshing the rollups of ${source.table} every ${intervalSeconds} s (posts from ${source.origin}); Ctrl-C stops it`,
      );
    do {
      const startedMs = now();
      try {
        const summary = summaryOf(source.table, await refresher.refresh(), now() - startedMs);
        if (json) deps.print(JSON.stringify(summary));
        else if (once || summary.hours > 0) deps.print(summaryLine(summary));
      } catch (error: unknown) {
        if (once) throw error;
        // A database outage must not stop the refresher: the next refresh picks up where the saved state says.
        deps.logger.error(ROLLUP_REFRESH_FAILED, { error: describeError(error) });
        deps.printError(`${ROLLUP_REFRESH_FAILED}: ${describeError(error)} (tried again in ${intervalSeconds} s)`);
      }
      if (!once) await sleep(intervalSeconds * 1000, deps.signal);
    } while (!once && deps.signal?.aborted !== true);
    return REPORTING_EXIT.ok;
  } catch (error: unknown) {
    const code = failureExit(error, deps, ROLLUPS_USAGE);
    // Even a failed refresh answers with one object, so a scheduler's parser never meets empty output.
    if (jsonOnce) deps.print(JSON.stringify({ error: redactText(describeError(error)), exitCode: code }));
    return code;
  } finally {
    await runner?.close().catch(() => undefined);
  }
}

function iso(ms: number | undefined): string | null {
  return ms === undefined || ms <= 0 ? null : new Date(ms).toISOString();
}

function summaryOf(table: string, progress: RollupProgress, durationMs: number): RollupsSummary {
  return {
    table,
    hours: progress.hours,
    loadedThrough: iso(progress.loadedThroughMs),
    completeBefore: iso(progress.completeBeforeMs),
    durationMs,
  };
}

function summaryLine(s: RollupsSummary): string {
  return `rollups of ${s.table}: ${s.hours} hour(s) recomputed in ${s.durationMs} ms; posts loaded through ${s.loadedThrough ?? '(none yet)'}`;
}
