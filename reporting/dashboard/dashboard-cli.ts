// `npm run dashboard`: serves the interactive dashboard on 127.0.0.1 until SIGINT/SIGTERM, reading the rollups (and refreshing them itself unless DASHBOARD_ROLLUP_SECONDS=0).
import { parseArgs } from 'node:util';
import { settingsText } from '../../common/config/setting';
import { DASHBOARD_SETTINGS as S } from './dashboard-settings';
import { ConfigReader } from '../../common/config/config-reader';
import { describeError } from '../../common/errors';
import { failureExit, untilAborted, type CliDeps } from '../cli-deps';
import { readLocale } from '../i18n/locale';
import { REPORTING_EXIT, UsageError } from '../reporting-errors';
import { PgQueryRunner } from '../posts/pg-query-runner';
import { PgSelectionReader } from '../posts/pg-selection-reader';
import { readPostsSource, type PostsSource } from '../posts/posts-source';
import type { RollupCoverage } from '../posts/rollup-coverage';
import { RollupRefresher } from '../posts/rollup-refresher';
import { RollupStateReader } from '../posts/rollup-state-reader';
import type { SelectionReader } from '../posts/selection-reader';
import { checkpointViewFromEnv } from '../../operator/monitor/checkpoint-view';
import { assertTimeZone, systemTimeZone } from '../report/zoned-week';
import { createRequestGate } from './alb-auth';
import { readDashboardAuth } from './alb-auth-settings';
import { DashboardViews } from './dashboard-views';
import { startDashboardServer } from './dashboard-server';
import { parseAllowedHosts } from './host-guard';
import { LiveEvents } from './live-events';
import { MAX_MINUTES } from './view-params';

export const DASHBOARD_USAGE = `usage: npm run dashboard -- [--port N] [--minutes N] [--refresh-seconds N]
  serves http://127.0.0.1:<port>/ (page) and, each taking ?from=&to=&range=&minutes=&label=&source=&lang=&hashtag=&q=,
  /api/summary, /api/posts, /api/terms, /api/export.csv, /api/events (server-sent events); /healthz; Ctrl-C stops it
  env: DASHBOARD_PORT (4570), DASHBOARD_MINUTES (15), DASHBOARD_REFRESH_SECONDS (5), REDSHIFT_URL or ENDPOINTS_FILE,
       DASHBOARD_TIME_ZONE (IANA; default REPORT_TIME_ZONE, else the machine's zone): the zone times are shown in,
       DASHBOARD_AUTH (none | alb: require the load balancer's signed token, docs/deploying-dashboard.md),
       DASHBOARD_LISTEN_HOST (127.0.0.1; another address needs DASHBOARD_AUTH=alb),
       DASHBOARD_ALLOWED_HOSTS (127.0.0.1,localhost,[::1]): Host names served, others get 421,
       REPORTING_LOCALE (en|es): the page's language when the browser's Accept-Language names neither,
       DASHBOARD_ROLLUP_SECONDS (60): how often this process brings the hourly rollups up to date; 0: it never
         writes and reads the rollups as far as \`npm run rollups\` has brought them (npm start, the deployment),
       DASHBOARD_EXPORT_MAX_ROWS (100000): posts at most in one CSV export
exit codes: 0 stopped, 1 error, 2 bad arguments or configuration`;

/** With DASHBOARD_ROLLUP_SECONDS=0: how often the refresher's saved state is read again (coverage moves hourly). */
export const ROLLUP_STATE_POLL_MS = 30_000;

export interface DashboardCliDeps extends CliDeps {
  /** Replaces the warehouse (tests); no rollups are refreshed then. */
  readonly openReader?: (source: PostsSource) => SelectionReader;
  /** Called with the URL once the server listens (tests read it). */
  readonly onListening?: (url: string) => void;
}

export async function runDashboardCli(argv: readonly string[], deps: DashboardCliDeps): Promise<number> {
  let reader: SelectionReader | undefined;
  let checkpoints: ReturnType<typeof checkpointViewFromEnv>;
  let rollupTimer: NodeJS.Timeout | undefined;
  try {
    const { values } = parseArgs({
      args: [...argv],
      strict: true,
      options: {
        port: { type: 'string' },
        minutes: { type: 'string' },
        'refresh-seconds': { type: 'string' },
        help: { type: 'boolean' },
      },
    });
    if (values.help === true) {
      deps.print(DASHBOARD_USAGE);
      return REPORTING_EXIT.ok;
    }
    const config = new ConfigReader('dashboard', [
      settingsText(S, { port: values.port, minutes: values.minutes, refreshSeconds: values['refresh-seconds'] }),
      deps.env,
    ]);
    const source = readPostsSource(config);
    const timeZone = config.string(S.timeZone.variable, config.string(S.reportTimeZone.variable, systemTimeZone()));
    try {
      assertTimeZone(timeZone, S.timeZone.variable);
    } catch (error: unknown) {
      config.problem((error as Error).message);
    }
    const auth = readDashboardAuth(config);
    const listenHost = config.string(S.listenHost.variable, S.listenHost.default);
    if (auth.mode === 'none' && !['127.0.0.1', 'localhost', '::1'].includes(listenHost))
      config.problem(
        `DASHBOARD_LISTEN_HOST ${listenHost} would serve the posts without sign-in: set DASHBOARD_AUTH=alb`,
      );
    const allowedHosts = parseAllowedHosts(config.string(S.allowedHosts.variable, S.allowedHosts.default));
    if (allowedHosts.length === 0)
      config.problem(`${S.allowedHosts.variable} names no host (default ${S.allowedHosts.default})`);
    const options = config.finish({
      listenHost,
      port: config.integer(S.port.variable, S.port.default, { min: 0, max: 65_535 }),
      defaultMinutes: config.integer(S.minutes.variable, S.minutes.default, { min: 1, max: MAX_MINUTES }),
      refreshSeconds: config.integer(S.refreshSeconds.variable, S.refreshSeconds.default, { min: 1, max: 3_600 }),
      rollupSeconds: config.integer(S.rollupSeconds.variable, S.rollupSeconds.default, { min: 0, max: 86_400 }),
      exportMaxRows: config.integer(S.exportMaxRows.variable, S.exportMaxRows.default, { min: 1, max: 10_000_000 }),
      defaultLocale: readLocale(config),
      allowedHosts,
      timeZone,
    });
    // Either this process refreshes the rollups (it needs write on them), or it only reads what the refresher saved.
    let updateCoverage: (() => Promise<unknown>) | undefined;
    if (deps.openReader !== undefined) reader = deps.openReader(source);
    else {
      const runner = new PgQueryRunner(source, deps.logger);
      let coverage: RollupCoverage;
      if (options.rollupSeconds > 0) {
        const refresher = new RollupRefresher(runner, source.table, source.engine ?? 'postgresql', deps.logger);
        updateCoverage = () => refresher.refresh();
        coverage = refresher;
      } else {
        const state = new RollupStateReader(runner, source.table);
        updateCoverage = () => state.poll();
        coverage = state;
      }
      reader = new PgSelectionReader(runner, source, coverage);
    }
    const now = deps.now ?? Date.now;
    const views = new DashboardViews(
      reader,
      {
        timeZone,
        liveReuseMs: options.refreshSeconds * 1000,
        fixedReuseMs: 60_000,
        topTerms: 20,
      },
      now,
    );
    const live = new LiveEvents(
      reader,
      views,
      { tickMs: 1_000, idlePushMs: options.refreshSeconds * 1000 },
      deps.logger,
      now,
    );
    checkpoints = checkpointViewFromEnv(deps.env, deps.logger);
    if (updateCoverage !== undefined) {
      const update = updateCoverage;
      const refresh = (): void => {
        update().catch((error: unknown) =>
          deps.logger.warn(options.rollupSeconds > 0 ? 'rollup refresh failed' : 'rollup state read failed', {
            error: describeError(error),
          }),
        );
      };
      refresh();
      rollupTimer = setInterval(
        refresh,
        options.rollupSeconds > 0 ? options.rollupSeconds * 1000 : ROLLUP_STATE_POLL_MS,
      );
    }
    // No gate without sign-in (DASHBOARD_AUTH=none): the page then offers no sign-out either.
    const gate = auth.mode === 'none' ? undefined : createRequestGate(auth, { logger: deps.logger });
    const server = await startDashboardServer(
      { views, live, now, ...(checkpoints === undefined ? {} : { checkpoints: checkpoints.view }) },
      { ...options, gate },
      deps.logger,
    ).catch((error: unknown) => {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
      throw new UsageError(
        `port ${options.port} on 127.0.0.1 is already in use (\`npm start\` serves the dashboard there itself): move this one with --port N or DASHBOARD_PORT=N`,
      );
    });
    deps.printError(
      `dashboard: ${server.url} (posts from ${source.origin}, table ${source.table}, times in ${timeZone}); Ctrl-C stops it`,
    );
    if (checkpoints !== undefined)
      deps.printError(
        `checkpoints: ${server.url}checkpoints (${checkpoints.view.target.application} / ${checkpoints.view.target.streamName}: per-shard owner and lag, live)`,
      );
    deps.onListening?.(server.url);
    await untilAborted(deps.signal);
    await server.close();
    return REPORTING_EXIT.ok;
  } catch (error: unknown) {
    return failureExit(error, deps, DASHBOARD_USAGE);
  } finally {
    if (rollupTimer !== undefined) clearInterval(rollupTimer);
    await reader?.close().catch(() => undefined);
    checkpoints?.close();
  }
}
