// The variables of `npm run retention` (the warehouse's scheduled delete): names, defaults and meaning, for the CLI and the deployment.
import { settingsEnv, type SettingsTable, type SettingsValues } from '../../common/config/setting';
import { DEFAULT_VEHICLES_TABLE } from '../../consumer/sinks/redshift/table-spec';

export const RETENTION_SETTINGS = {
  warehouseRetentionDays: {
    variable: 'WAREHOUSE_RETENTION_DAYS',
    doc: 'delete warehouse rows older than this many days (whole UTC days); --older-than overrides it',
  },
  vehiclesTable: {
    variable: 'REDSHIFT_VEHICLES_TABLE',
    default: DEFAULT_VEHICLES_TABLE,
    doc: 'the vehicle readings table (locally the one .local/endpoints.json lists)',
  },
} as const satisfies SettingsTable;

/** The environment of the deployment's scheduled retention task. */
export function retentionEnv(values: SettingsValues<typeof RETENTION_SETTINGS>): Record<string, string> {
  return settingsEnv(RETENTION_SETTINGS, values);
}
