// The collector's environment contract: every variable it reads, its default and meaning (read by collector-config.ts, written by the deployment).
import { AWS_SETTINGS } from '../common/aws/aws-settings';
import { settingsEnv, type SettingsTable, type SettingsValues } from '../common/config/setting';
import { STREAM_NAME_SETTING } from '../common/config/stream-name';

export const DEFAULT_X_API_BASE_URL = 'https://api.x.com';
/** The Graph API version current when this was written; INSTAGRAM_GRAPH_BASE_URL moves it on. */
export const DEFAULT_INSTAGRAM_GRAPH_BASE_URL = 'https://graph.facebook.com/v24.0';

export const COLLECTOR_SETTINGS = {
  streamName: STREAM_NAME_SETTING,
  xApiBaseUrl: { variable: 'X_API_BASE_URL', default: DEFAULT_X_API_BASE_URL, doc: 'X API v2 base URL' },
  xBearerToken: { variable: 'X_BEARER_TOKEN', doc: 'X app bearer token (required for --source x)' },
  instagramGraphBaseUrl: {
    variable: 'INSTAGRAM_GRAPH_BASE_URL',
    default: DEFAULT_INSTAGRAM_GRAPH_BASE_URL,
    doc: 'Instagram Graph API base URL (with its version)',
  },
  instagramPollSeconds: { variable: 'INSTAGRAM_POLL_SECONDS', default: 60, doc: 'instagram poll interval' },
  instagramUserId: { variable: 'INSTAGRAM_USER_ID', doc: 'numeric Instagram user id (required for instagram)' },
  instagramAccessToken: { variable: 'INSTAGRAM_ACCESS_TOKEN', doc: 'Graph API token (required for instagram)' },
  ...AWS_SETTINGS,
} as const satisfies SettingsTable;

/** The environment for a collector process (the deployment's task). */
export function collectorEnv(settings: SettingsValues<typeof COLLECTOR_SETTINGS>): Record<string, string> {
  return settingsEnv(COLLECTOR_SETTINGS, settings);
}
