// The collector's environment contract: every variable it reads, its default and meaning (read by collector-config.ts, written by the deployment).
import { AWS_SETTINGS } from '../common/aws/aws-settings';
import { settingsEnv, type SettingsTable, type SettingsValues } from '../common/config/setting';
import { STREAM_NAME_SETTING } from '../common/config/stream-name';
import { METRICS_SETTINGS } from '../common/metrics/metrics-config';

export const DEFAULT_X_API_BASE_URL = 'https://api.x.com';
/** The Graph API version current when this was written; INSTAGRAM_GRAPH_BASE_URL moves it on. */
export const DEFAULT_INSTAGRAM_GRAPH_BASE_URL = 'https://graph.facebook.com/v24.0';
/**
 * X_MONTHLY_READ_BUDGET's default: the monthly cap of post reads of X's pay-per-usage plans (docs.x.com, X API
 * "Usage and billing", 2026: 2 million post reads per month).
 */
export const DEFAULT_X_MONTHLY_READ_BUDGET = 2_000_000;
/** The namespace of the collector's metrics (METRICS_NAMESPACE overrides it). */
export const COLLECTOR_METRICS_NAMESPACE = 'KinesisToolkit/Collector';

export const COLLECTOR_SETTINGS = {
  streamName: STREAM_NAME_SETTING,
  xApiBaseUrl: { variable: 'X_API_BASE_URL', default: DEFAULT_X_API_BASE_URL, doc: 'X API v2 base URL' },
  xBearerToken: { variable: 'X_BEARER_TOKEN', doc: 'X app bearer token (required for --source x)' },
  xMonthlyReadBudget: {
    variable: 'X_MONTHLY_READ_BUDGET',
    default: DEFAULT_X_MONTHLY_READ_BUDGET,
    doc: 'billable X post reads per UTC month (each post once per UTC day) before the collector stops',
  },
  instagramGraphBaseUrl: {
    variable: 'INSTAGRAM_GRAPH_BASE_URL',
    default: DEFAULT_INSTAGRAM_GRAPH_BASE_URL,
    doc: 'Instagram Graph API base URL (with its version)',
  },
  instagramPollSeconds: { variable: 'INSTAGRAM_POLL_SECONDS', default: 60, doc: 'instagram poll interval' },
  instagramUserId: { variable: 'INSTAGRAM_USER_ID', doc: 'numeric Instagram user id (required for instagram)' },
  instagramAccessToken: { variable: 'INSTAGRAM_ACCESS_TOKEN', doc: 'Graph API token (required for instagram)' },
  ...METRICS_SETTINGS,
  metricsNamespace: { ...METRICS_SETTINGS.metricsNamespace, default: COLLECTOR_METRICS_NAMESPACE },
  ...AWS_SETTINGS,
} as const satisfies SettingsTable;

/** The environment for a collector process (the deployment's task). */
export function collectorEnv(settings: SettingsValues<typeof COLLECTOR_SETTINGS>): Record<string, string> {
  return settingsEnv(COLLECTOR_SETTINGS, settings);
}
