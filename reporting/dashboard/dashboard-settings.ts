// The dashboard's environment contract: every variable it reads, its default and meaning (read by dashboard-cli.ts).
import { AWS_SETTINGS } from '../../common/aws/aws-settings';
import { settingsEnv, type SettingsTable, type SettingsValues } from '../../common/config/setting';
import { MONITOR_SETTINGS } from '../../operator/monitor/monitor-settings';
import { POSTS_SOURCE_SETTINGS } from '../posts/posts-settings';
import { REPORT_SETTINGS } from '../report/report-settings';
import { DASHBOARD_AUTH_SETTINGS } from './alb-auth-settings';

export const DASHBOARD_SETTINGS = {
  port: { variable: 'DASHBOARD_PORT', default: 4570, doc: 'port on 127.0.0.1 (`--port`)' },
  minutes: { variable: 'DASHBOARD_MINUTES', default: 15, doc: 'minutes shown by default (`--minutes`)' },
  refreshSeconds: {
    variable: 'DASHBOARD_REFRESH_SECONDS',
    default: 5,
    doc: 'page refresh (`--refresh-seconds`)',
  },
  timeZone: {
    variable: 'DASHBOARD_TIME_ZONE',
    doc: "IANA zone of the times shown (default REPORT_TIME_ZONE, else the machine's zone)",
  },
  reportTimeZone: REPORT_SETTINGS.timeZone,
  allowedHosts: {
    variable: 'DASHBOARD_ALLOWED_HOSTS',
    default: '127.0.0.1,localhost,[::1]',
    doc: 'host names served (comma-separated); a request naming any other Host gets 421 (DNS rebinding)',
  },
  rollupSeconds: {
    variable: 'DASHBOARD_ROLLUP_SECONDS',
    default: 60,
    doc: 'how often the dashboard brings the hourly rollups up to date itself (0: it never writes; it reads them as far as `npm run rollups` has brought them)',
  },
  exportMaxRows: { variable: 'DASHBOARD_EXPORT_MAX_ROWS', default: 100_000, doc: 'posts at most in one CSV export' },
  locale: {
    variable: REPORT_SETTINGS.locale.variable,
    default: REPORT_SETTINGS.locale.default,
    doc: "the page's language when the browser's Accept-Language names neither `en` nor `es`",
  },
  logFile: { variable: 'DASHBOARD_LOG_FILE', doc: 'the log file (default .local/logs/dashboard.log)' },
  // The checkpoint view (/checkpoints) reads the application and stream as the monitor does.
  application: MONITOR_SETTINGS.application,
  streamName: MONITOR_SETTINGS.streamName,
  leaseTable: MONITOR_SETTINGS.leaseTable,
  ...POSTS_SOURCE_SETTINGS,
  ...AWS_SETTINGS,
  // Sign-in behind the load balancer and the listen address (alb-auth-settings.ts).
  ...DASHBOARD_AUTH_SETTINGS,
} as const satisfies SettingsTable;

/** The environment for a dashboard process (`npm start`'s supervised dashboard). */
export function dashboardEnv(settings: SettingsValues<typeof DASHBOARD_SETTINGS>): Record<string, string> {
  return settingsEnv(DASHBOARD_SETTINGS, settings);
}
