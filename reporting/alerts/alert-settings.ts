// The alerter's environment contract: every variable it reads, its default and meaning (read by alert-config.ts, written by the deployment).
import { AWS_SETTINGS } from '../../common/aws/aws-settings';
import { settingsEnv, type SettingsTable, type SettingsValues } from '../../common/config/setting';
import { POSTS_SOURCE_SETTINGS } from '../posts/posts-settings';
import { DASHBOARD_SETTINGS } from '../dashboard/dashboard-settings';
import { DEFAULT_BURST_OPTIONS as D } from './negative-burst-detector';

const MINUTE_MS = 60_000;

export const ALERT_SETTINGS = {
  snsTopicArn: {
    variable: 'ALERT_SNS_TOPIC_ARN',
    doc: 'SNS topic to publish to (endpoint override AWS_ENDPOINT_URL_SNS)',
  },
  alertsFile: {
    variable: 'ALERT_FILE',
    default: '.local/alerts.jsonl',
    doc: 'JSON-lines file every alert is appended to (`none` disables)',
  },
  stateFile: {
    variable: 'ALERT_STATE_FILE',
    default: '.local/alert-state.json',
    doc: 'detector state between runs (`none` disables)',
  },
  threshold: {
    variable: 'ALERT_THRESHOLD',
    default: D.threshold,
    doc: 'alert when more than N negatives fall in the window',
  },
  windowMinutes: { variable: 'ALERT_WINDOW_MINUTES', default: D.windowMs / MINUTE_MS, doc: 'the window' },
  cooldownMinutes: {
    variable: 'ALERT_COOLDOWN_MINUTES',
    default: D.cooldownMs / MINUTE_MS,
    doc: 'quiet time after an alert',
  },
  latenessMinutes: {
    variable: 'ALERT_LATENESS_MINUTES',
    default: D.latenessMs / MINUTE_MS,
    doc: 'how late a post may arrive and still count',
  },
  intervalSeconds: { variable: 'ALERT_INTERVAL_SECONDS', default: 15, doc: 'poll interval' },
  maxPostsPerPoll: { variable: 'ALERT_MAX_POSTS_PER_POLL', default: 1_000, doc: 'posts read per poll' },
  logFile: { variable: 'ALERT_LOG_FILE', doc: 'the log file (default .local/logs/alert.log)' },
  webhookUrl: {
    variable: 'ALERT_WEBHOOK_URL',
    doc: 'a Slack or Teams incoming webhook (https); a secret: never logged or echoed',
  },
  webhookFormat: {
    variable: 'ALERT_WEBHOOK_FORMAT',
    default: 'auto',
    doc: '`slack`, `teams` or `auto` (from the host: hooks.slack.com, *.webhook.office.com, ...)',
  },
  relativeRule: {
    variable: 'ALERT_RELATIVE_RULE',
    default: false,
    doc: "also alert when the last hour's negative share beats the same hours of the previous 7 days",
  },
  relativeMarginPoints: {
    variable: 'ALERT_RELATIVE_MARGIN_POINTS',
    default: 20,
    doc: 'the relative rule: by more than this many percentage points',
  },
  relativeMinNegative: {
    variable: 'ALERT_RELATIVE_MIN_NEGATIVE',
    default: 10,
    doc: 'the relative rule: with at least this many negative posts in the hour',
  },
  timeZone: {
    variable: 'ALERT_TIME_ZONE',
    doc: "the zone of the alert's times (default REPORT_TIME_ZONE, then the machine's)",
  },
  reportTimeZone: { variable: 'REPORT_TIME_ZONE', doc: "the fallback zone of the alert's times" },
  dashboardUrl: {
    variable: 'DASHBOARD_PUBLIC_URL',
    doc: "the base of the alert's dashboard link (default http://127.0.0.1:<DASHBOARD_PORT>/)",
  },
  dashboardPort: {
    variable: DASHBOARD_SETTINGS.port.variable,
    default: DASHBOARD_SETTINGS.port.default,
    doc: "the local dashboard's port, for the default link",
  },
  locale: { variable: 'REPORTING_LOCALE', default: 'en', doc: "the alert's language: `en` or `es`" },
  ...POSTS_SOURCE_SETTINGS,
  ...AWS_SETTINGS,
} as const satisfies SettingsTable;

/** The environment for an alerter process (the deployment's task, `npm start`'s supervised alerter). */
export function alertEnv(settings: SettingsValues<typeof ALERT_SETTINGS>): Record<string, string> {
  return settingsEnv(ALERT_SETTINGS, settings);
}
