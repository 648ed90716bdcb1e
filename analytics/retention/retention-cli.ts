// `npm run retention -- --older-than <days>`: deletes warehouse rows (and their rollups) older than a number of whole UTC days.
import { parseArgs } from 'node:util';
import { readLocalStackFile } from '../../common/aws/local-stack-file';
import { ConfigReader, type Source } from '../../common/config/config-reader';
import { SQL_TABLE_NAME } from '../../common/pg/pg-connection';
import { ConfigError, describeError } from '../../common/errors';
import type { Logger } from '../../common/logger';
import { PgQueryRunner } from '../../reporting/posts/pg-query-runner';
import { POSTS_SOURCE_SETTINGS } from '../../reporting/posts/posts-settings';
import { readPostsSource, type PostsSource } from '../../reporting/posts/posts-source';
import { RETENTION_SETTINGS as S } from './retention-settings';
import { applyWarehouseRetention, retentionCutoffMs } from './warehouse-retention';

export const RETENTION_EXIT = Object.freeze({ ok: 0, error: 1, usage: 2 });

export const RETENTION_USAGE = `usage: retention --older-than <days> [--dry-run] [--json]
  Deletes from the warehouse every post whose created_at (else arrival) and every vehicle reading whose reading_time
  (else arrival) lies before midnight UTC <days> days before today, and the dashboard's hourly and daily rollups of
  those days, in one transaction. A rerun the same day deletes nothing. The S3 datasets expire by lifecycle rules.
  --older-than  whole days to keep (at least 1); default WAREHOUSE_RETENTION_DAYS
  --dry-run     count what would be deleted; delete nothing
  --json        print the summary as JSON
  Settings: REDSHIFT_URL (locally what \`npm start\` wrote), REDSHIFT_POSTS_TABLE, REDSHIFT_VEHICLES_TABLE.
exit codes: 0 done (also when nothing was old enough), 1 error (nothing half-deleted), 2 bad arguments or configuration`;

export interface RetentionCliDeps {
  readonly env: Source;
  readonly print: (text: string) => void;
  readonly printError: (text: string) => void;
  readonly logger: Logger;
  readonly nowMs?: () => number;
}

interface RetentionConfig {
  readonly source: PostsSource;
  readonly vehiclesTable: string;
  readonly days: number;
}

export async function runRetentionCli(argv: readonly string[], deps: RetentionCliDeps): Promise<number> {
  let config: RetentionConfig;
  let flags: { dryRun: boolean; json: boolean };
  try {
    const { values } = parseArgs({
      args: [...argv],
      strict: true,
      options: {
        'older-than': { type: 'string' },
        'dry-run': { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    });
    if (values.help) {
      deps.print(RETENTION_USAGE);
      return RETENTION_EXIT.ok;
    }
    flags = { dryRun: values['dry-run'], json: values.json };
    config = readConfig(deps.env, values['older-than']);
  } catch (error: unknown) {
    deps.printError(`${error instanceof ConfigError ? error.message : describeError(error)}\n\n${RETENTION_USAGE}`);
    return RETENTION_EXIT.usage;
  }
  const runner = new PgQueryRunner(config.source, deps.logger);
  try {
    const cutoffMs = retentionCutoffMs((deps.nowMs ?? Date.now)(), config.days);
    deps.printError(
      `deleting warehouse rows before ${new Date(cutoffMs).toISOString()}${flags.dryRun ? ' (dry run)' : ''}`,
    );
    const result = await applyWarehouseRetention(
      runner,
      { posts: config.source.table, vehicles: config.vehiclesTable },
      cutoffMs,
      flags.dryRun,
    );
    const summary = {
      dryRun: flags.dryRun,
      olderThanDays: config.days,
      cutoff: new Date(cutoffMs).toISOString(),
      ...result,
    };
    deps.logger.info('retention done', summary);
    deps.print(
      flags.json
        ? JSON.stringify(summary)
        : `${flags.dryRun ? 'would delete' : 'deleted'} ${result.posts} posts, ${result.vehicles} vehicle readings and ${result.rollupRows} rollup rows before ${summary.cutoff}`,
    );
    return RETENTION_EXIT.ok;
  } catch (error: unknown) {
    deps.logger.error('retention failed', { error: describeError(error) });
    deps.printError(`retention failed: ${describeError(error)}`);
    return RETENTION_EXIT.error;
  } finally {
    await runner.close();
  }
}

function readConfig(env: Source, olderThan: string | undefined): RetentionConfig {
  const reader = new ConfigReader('retention configuration', [
    olderThan === undefined ? {} : { [S.warehouseRetentionDays.variable]: olderThan },
    env,
  ]);
  const source = readPostsSource(reader);
  const endpointsFile = reader.string(
    POSTS_SOURCE_SETTINGS.endpointsFile.variable,
    POSTS_SOURCE_SETTINGS.endpointsFile.default,
  );
  // Locally (no REDSHIFT_URL) the table `npm start` created, as readPostsSource takes the posts table from the same file.
  const local =
    reader.raw(POSTS_SOURCE_SETTINGS.redshiftUrl.variable) === undefined
      ? readLocalStackFile(endpointsFile)?.postgres?.tables.find((t) => t.endsWith('vehicle_readings'))
      : undefined;
  const vehiclesTable = reader.string(S.vehiclesTable.variable, local ?? S.vehiclesTable.default);
  if (!SQL_TABLE_NAME.test(vehiclesTable))
    reader.problem(
      `${S.vehiclesTable.variable} "${vehiclesTable}" must be [schema.]table in lower-case letters, digits and _`,
    );
  const days = reader.raw(S.warehouseRetentionDays.variable);
  if (days === undefined) reader.problem(`give --older-than <days> (or set ${S.warehouseRetentionDays.variable})`);
  else if (!/^\d+$/.test(days) || Number(days) < 1)
    reader.problem(
      `--older-than / ${S.warehouseRetentionDays.variable} must be a whole number of days >= 1, got "${days}"`,
    );
  return reader.finish({ source, vehiclesTable, days: Number(days) });
}
