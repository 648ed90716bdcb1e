// Where the people tools (dashboard, alert, report) read scored posts: the variables they share, their defaults and meaning.
import { DEFAULT_ENDPOINTS_FILE, ENDPOINTS_FILE_VARIABLE } from '../../common/aws/local-stack-file';
import { settingsEnv, type SettingsTable, type SettingsValues } from '../../common/config/setting';
import { PG_SETTINGS } from '../../common/pg/pg-connection';
import { DEFAULT_POSTS_TABLE } from '../../consumer/sinks/redshift/table-spec';

export const POSTS_SOURCE_SETTINGS = {
  ...PG_SETTINGS,
  // A dashboard or report query should fail sooner than a sink load.
  redshiftStatementTimeoutMs: { ...PG_SETTINGS.redshiftStatementTimeoutMs, default: 30_000 },
  redshiftPostsTable: {
    variable: 'REDSHIFT_POSTS_TABLE',
    default: DEFAULT_POSTS_TABLE,
    doc: 'the posts table (locally the one .local/endpoints.json lists)',
  },
  redshiftDialect: {
    variable: 'REDSHIFT_DIALECT',
    doc: '`redshift` or `postgresql` (default: redshift for port 5439 or a *.redshift*.amazonaws.com host, else postgresql)',
  },
  endpointsFile: {
    variable: ENDPOINTS_FILE_VARIABLE,
    default: DEFAULT_ENDPOINTS_FILE,
    doc: 'the local stack file the URL comes from when REDSHIFT_URL is unset (`none`: no local stack)',
  },
} as const satisfies SettingsTable;

/** The environment for a people tool's process (the deployment's alerter and report tasks). */
export function postsSourceEnv(settings: SettingsValues<typeof POSTS_SOURCE_SETTINGS>): Record<string, string> {
  return settingsEnv(POSTS_SOURCE_SETTINGS, settings);
}
