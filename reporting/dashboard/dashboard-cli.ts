// `npm run dashboard`: serves the live dashboard on 127.0.0.1 until SIGINT/SIGTERM.
import { parseArgs } from 'node:util';
import { settingsText } from '../../common/config/setting';
import { DASHBOARD_SETTINGS as S } from './dashboard-settings';
import { ConfigReader } from '../../common/config/config-reader';
import { failureExit, untilAborted, type CliDeps } from '../cli-deps';
import { REPORTING_EXIT, UsageError } from '../reporting-errors';
import type { PostReader } from '../posts/post-reader';
import { readPostsSource, type PostsSource } from '../posts/posts-source';
import { PgPostReader } from '../posts/pg-post-reader';
import { DashboardData, DEFAULT_DASHBOARD_DATA } from './dashboard-data';
import { startDashboardServer } from './dashboard-server';
import { checkpointViewFromEnv } from '../../operator/monitor/checkpoint-view';
import { assertTimeZone, systemTimeZone } from '../report/zoned-week';
import { createRequestGate } from './alb-auth';
import { readDashboardAuth } from './alb-auth-settings';

export const DASHBOARD_USAGE = `usage: npm run dashboard -- [--port N] [--minutes N] [--refresh-seconds N]
  serves http://127.0.0.1:<port>/ (page) and /api/summary?minutes=N (JSON); Ctrl-C stops it
  env: DASHBOARD_PORT (4570), DASHBOARD_MINUTES (15), DASHBOARD_REFRESH_SECONDS (5), REDSHIFT_URL or ENDPOINTS_FILE,
       DASHBOARD_TIME_ZONE (IANA; default REPORT_TIME_ZONE, else the machine's zone): the zone times are shown in,
       DASHBOARD_AUTH (none | alb: require the load balancer's signed token, docs/deploying-dashboard.md),
       DASHBOARD_LISTEN_HOST (127.0.0.1; another address needs DASHBOARD_AUTH=alb)
exit codes: 0 stopped, 1 error, 2 bad arguments or configuration`;

export interface DashboardCliDeps extends CliDeps {
  readonly openReader?: (source: PostsSource) => PostReader;
  /** Called with the URL once the server listens (tests read it). */
  readonly onListening?: (url: string) => void;
}

export async function runDashboardCli(argv: readonly string[], deps: DashboardCliDeps): Promise<number> {
  let reader: PostReader | undefined;
  let checkpoints: ReturnType<typeof checkpointViewFromEnv>;
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
    const options = config.finish({
      listenHost,
      port: config.integer(S.port.variable, S.port.default, { min: 0, max: 65_535 }),
      defaultMinutes: config.integer(S.minutes.variable, S.minutes.default, { min: 1, max: 180 }),
      maxMinutes: 180,
      refreshSeconds: config.integer(S.refreshSeconds.variable, S.refreshSeconds.default, { min: 1, max: 3_600 }),
      timeZone,
    });
    reader = (deps.openReader ?? ((s) => new PgPostReader(s, deps.logger)))(source);
    const data = new DashboardData(reader, deps.now ?? Date.now, DEFAULT_DASHBOARD_DATA);
    checkpoints = checkpointViewFromEnv(deps.env, deps.logger);
    const gate = createRequestGate(auth, { logger: deps.logger });
    const server = await startDashboardServer(data, { ...options, gate }, deps.logger, checkpoints?.view).catch(
      (error: unknown) => {
        if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
        throw new UsageError(
          `port ${options.port} on 127.0.0.1 is already in use (\`npm start\` serves the dashboard there itself): move this one with --port N or DASHBOARD_PORT=N`,
        );
      },
    );
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
    await reader?.close().catch(() => undefined);
    checkpoints?.close();
  }
}
