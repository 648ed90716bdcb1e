// The weekly report's environment contract: every variable it reads, its default and meaning (read by report-cli.ts and report-delivery-config.ts).
import { AWS_SETTINGS } from '../../common/aws/aws-settings';
import { settingsEnv, type SettingsTable, type SettingsValues } from '../../common/config/setting';
import { POSTS_SOURCE_SETTINGS } from '../posts/posts-settings';

/** The mail ledger table and the local outbox folder (also `npm start`'s email.outbox default). */
export const DEFAULT_REPORT_LEDGER_TABLE = 'public.report_ledger';
export const DEFAULT_REPORT_OUTBOX = '.local/outbox';

export const REPORT_SETTINGS = {
  dir: { variable: 'REPORT_DIR', default: '.local/reports', doc: 'files mode: where the HTML and CSV go (`--out`)' },
  to: { variable: 'REPORT_TO', doc: 'comma-separated recipients (locally email.to of .local/endpoints.json)' },
  from: { variable: 'REPORT_FROM', doc: 'the sender (with SES, a verified identity; locally email.from)' },
  transport: { variable: 'REPORT_TRANSPORT', doc: '`ses`, `smtp` or `outbox` (default `outbox` when there is one)' },
  smtpUrl: { variable: 'REPORT_SMTP_URL', doc: 'the SMTP server, smtp://host:587 (`smtps://` for 465); never logged' },
  smtpUser: { variable: 'REPORT_SMTP_USER', doc: 'the SMTP user name (kept out of the URL)' },
  smtpPassword: { variable: 'REPORT_SMTP_PASSWORD', doc: 'the SMTP password, any characters; never logged' },
  outbox: {
    variable: 'REPORT_OUTBOX',
    doc: `folder of .eml copies (locally email.outbox; ${DEFAULT_REPORT_OUTBOX} with the outbox transport)`,
  },
  timeZone: {
    variable: 'REPORT_TIME_ZONE',
    doc: "IANA zone of the report's days and send time (default the machine's)",
  },
  time: { variable: 'REPORT_TIME', default: '08:00', doc: 'Monday send time, HH:MM in REPORT_TIME_ZONE' },
  ledgerTable: {
    variable: 'REPORT_LEDGER_TABLE',
    default: DEFAULT_REPORT_LEDGER_TABLE,
    doc: 'which weeks were sent (created if missing)',
  },
  locale: { variable: 'REPORTING_LOCALE', default: 'en', doc: "the report's language: `en` or `es`" },
  dashboardUrl: {
    variable: 'DASHBOARD_PUBLIC_URL',
    doc: "the base of the report's dashboard link (locally dashboard.url of .local/endpoints.json)",
  },
  alertsFile: {
    variable: 'ALERT_FILE',
    doc: "the alerter's JSON-lines log the report lists the week's alerts from (locally alerts.file)",
  },
  sesEndpoint: { variable: 'AWS_ENDPOINT_URL_SESV2', doc: 'SES v2 endpoint override, for a stand-in' },
  logFile: { variable: 'REPORT_LOG_FILE', doc: 'the log file (default .local/logs/report.log)' },
  ...POSTS_SOURCE_SETTINGS,
  ...AWS_SETTINGS,
} as const satisfies SettingsTable;

/** The environment for a report process (the deployment's task, `npm start`'s scheduler). */
export function reportEnv(settings: SettingsValues<typeof REPORT_SETTINGS>): Record<string, string> {
  return settingsEnv(REPORT_SETTINGS, settings);
}
