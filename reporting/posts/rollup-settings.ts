// The rollup refresher's environment contract (`npm run rollups`): every variable it reads, its default and meaning (read by rollups-cli.ts, written by `npm start` and the deployment).
import { settingsEnv, type SettingsTable, type SettingsValues } from '../../common/config/setting';
import { POSTS_SOURCE_SETTINGS } from './posts-settings';

export const ROLLUP_SETTINGS = {
  intervalSeconds: {
    variable: 'ROLLUPS_INTERVAL_SECONDS',
    default: 60,
    doc: 'how often the hourly rollups are brought up to date (`--interval`)',
  },
  logFile: { variable: 'ROLLUPS_LOG_FILE', doc: 'the log file (default .local/logs/rollups.log)' },
  ...POSTS_SOURCE_SETTINGS,
} as const satisfies SettingsTable;

/** The refresher's log message for a failed refresh: the deployment counts these lines (a metric filter) and alarms. */
export const ROLLUP_REFRESH_FAILED = 'rollup refresh failed';

/** The environment for a refresher process (`npm start`'s supervised refresher, the deployment's task). */
export function rollupsEnv(settings: SettingsValues<typeof ROLLUP_SETTINGS>): Record<string, string> {
  return settingsEnv(ROLLUP_SETTINGS, settings);
}
