// The warehouse's retention: posts, vehicle readings and the dashboard's rollups older than a cut-off, deleted in one transaction.
import { dashboardRollupNames } from '../../consumer/sinks/redshift/dashboard-rollups';
import { POST_COLUMNS as C } from '../../consumer/sinks/redshift/table-spec';
import type { PgQueryRunner } from '../../reporting/posts/pg-query-runner';
import { timestampParam, type Query } from '../../reporting/posts/post-queries';
import { DAY_MS } from '../../reporting/posts/rollup-queries';

export interface RetentionTables {
  readonly posts: string;
  readonly vehicles: string;
}

export interface RetentionResult {
  /** Epoch ms of the cut-off: a UTC midnight; rows before it are (or, on a dry run, would be) deleted. */
  readonly cutoffMs: number;
  readonly posts: number;
  readonly vehicles: number;
  readonly rollupRows: number;
}

/** Midnight UTC `days` whole days before the day of `nowMs`: the dashboard's rollups are per hour and per day, so a day boundary splits none. */
export function retentionCutoffMs(nowMs: number, days: number): number {
  return Math.floor(nowMs / DAY_MS) * DAY_MS - days * DAY_MS;
}

/**
 * A post's time is created_at (what the dashboard's hours and the rollups use); a post without one is judged by its
 * arrival. A vehicle reading's time is reading_time, else its arrival. The rollup rows of hours and days before the
 * cut-off go with them, in the same transaction, so the dashboard never counts a post the table no longer has.
 */
export function retentionStatements(tables: RetentionTables, cutoffMs: number): { counts: Query[]; deletes: Query[] } {
  const cutoff = [timestampParam(cutoffMs)];
  const before = 'CAST($1 AS TIMESTAMP)';
  const postsWhere = `${C.createdAt} < ${before} OR (${C.createdAt} IS NULL AND ${C.arrivalTime} < ${before})`;
  const vehiclesWhere = `COALESCE(reading_time, arrival_time) < ${before}`;
  const rollups = dashboardRollupNames(tables.posts);
  const rollupWheres = [
    [rollups.hourly, `hour < ${before}`],
    [rollups.termsHourly, `hour < ${before}`],
    [rollups.termsDaily, `day < ${before}`],
  ] as const;
  const count = (name: string, table: string, where: string): Query => ({
    name,
    text: `SELECT COUNT(*) AS n FROM ${table} WHERE ${where}`,
    values: cutoff,
  });
  const remove = (name: string, table: string, where: string): Query => ({
    name,
    text: `DELETE FROM ${table} WHERE ${where}`,
    values: cutoff,
  });
  return {
    counts: [
      count('retention-count-posts', tables.posts, postsWhere),
      count('retention-count-vehicles', tables.vehicles, vehiclesWhere),
      ...rollupWheres.map(([table, where]) => count('retention-count-rollups', table, where)),
    ],
    deletes: [
      remove('retention-posts', tables.posts, postsWhere),
      remove('retention-vehicles', tables.vehicles, vehiclesWhere),
      ...rollupWheres.map(([table, where]) => remove('retention-rollups', table, where)),
    ],
  };
}

/** Counts, then (unless a dry run) deletes everything before the cut-off in one transaction; a rerun deletes nothing. */
export async function applyWarehouseRetention(
  runner: PgQueryRunner,
  tables: RetentionTables,
  cutoffMs: number,
  dryRun: boolean,
): Promise<RetentionResult> {
  const { counts, deletes } = retentionStatements(tables, cutoffMs);
  const n: number[] = [];
  for (const query of counts) n.push(Number((await runner.query(query))[0]?.n ?? 0));
  const [posts, vehicles, ...rollupCounts] = n;
  const result = { cutoffMs, posts, vehicles, rollupRows: rollupCounts.reduce((a, b) => a + b, 0) };
  if (!dryRun && posts + vehicles + result.rollupRows > 0) await runner.transaction('retention', deletes);
  return result;
}
