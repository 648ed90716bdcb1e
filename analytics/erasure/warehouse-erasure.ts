// Erases the target from the warehouse: its posts rows deleted and the dashboard's rollups of their hours rebuilt, in one transaction.
import { POST_COLUMNS as C } from '../../consumer/sinks/redshift/table-spec';
import type { PgQueryRunner } from '../../reporting/posts/pg-query-runner';
import { POST_TIME, type Query } from '../../reporting/posts/post-queries';
import { hourPostsQuery, replaceDaysStatements, replaceHoursStatements } from '../../reporting/posts/rollup-queries';
import { termRollupRows } from '../../reporting/posts/rollup-refresher';
import type { SqlEngine } from '../../reporting/posts/selection';
import type { ForgetTarget } from './forget-target';

export interface WarehouseErasure {
  /** Rows deleted from the posts table (or found, on a dry run). */
  rowsRemoved: number;
  /** UTC hours whose rollups were rebuilt. */
  hoursRebuilt: number;
}

/** Ids and names per statement: well under PostgreSQL's 65,535 bound values and Redshift's 16 MB statement. */
const KEYS_PER_STATEMENT = 5_000;

/**
 * The posts table holds every row the consumer loaded for a post, keyed by record identity (and source + post id);
 * nothing else in the warehouse is keyed on a post except the dashboard's rollups (per hour, source, language, label and
 * term), which are recomputed for the hours of the deleted rows in the same transaction as the delete, from the rows
 * that remain: a crash leaves either everything or nothing, and a rerun finds no row.
 */
export async function eraseFromWarehouse(
  runner: PgQueryRunner,
  postsTable: string,
  engine: SqlEngine,
  target: ForgetTarget,
  dryRun: boolean,
): Promise<WarehouseErasure> {
  const report: WarehouseErasure = { rowsRemoved: 0, hoursRebuilt: 0 };
  for (const condition of targetConditions(target)) {
    const found = await runner.query({
      name: 'forget-find',
      text: `SELECT DATE_TRUNC('hour', ${POST_TIME}) AS hour, COUNT(*) AS n FROM ${postsTable} WHERE ${condition.text} GROUP BY 1`,
      values: condition.values,
    });
    const rows = found.reduce((sum, row) => sum + Number(row.n), 0);
    if (rows === 0) continue;
    const hoursMs = found.map((row) => row.hour).filter((hour): hour is number => typeof hour === 'number');
    report.rowsRemoved += rows;
    report.hoursRebuilt += hoursMs.length;
    if (dryRun) continue;
    const statements: Query[] = [
      { name: 'forget-delete', text: `DELETE FROM ${postsTable} WHERE ${condition.text}`, values: condition.values },
    ];
    if (hoursMs.length > 0) {
      const remaining = await runner.query(hourPostsQuery(postsTable, hoursMs, condition));
      statements.push(
        ...replaceHoursStatements(postsTable, engine, hoursMs, termRollupRows(remaining)),
        ...replaceDaysStatements(postsTable, hoursMs),
      );
    }
    await runner.transaction('forget', statements);
  }
  return report;
}

/** `source = $1 AND (post_id IN (...) OR user_name IN (...))`, split so no statement binds too many values. */
export function targetConditions(target: ForgetTarget): { text: string; values: string[] }[] {
  const keys: { column: string; value: string }[] = [
    ...[...target.postIds].map((value) => ({ column: C.postId, value })),
    ...[...target.users].map((value) => ({ column: C.userName, value })),
  ];
  const conditions: { text: string; values: string[] }[] = [];
  for (let i = 0; i < keys.length; i += KEYS_PER_STATEMENT) {
    const chunk = keys.slice(i, i + KEYS_PER_STATEMENT);
    const values = [target.source];
    const parts: string[] = [];
    for (const column of [C.postId, C.userName]) {
      const mine = chunk.filter((key) => key.column === column);
      if (mine.length === 0) continue;
      const placeholders = mine.map((key) => {
        values.push(key.value);
        return `$${values.length}`;
      });
      parts.push(`${column} IN (${placeholders.join(', ')})`);
    }
    conditions.push({ text: `${C.source} = $1 AND (${parts.join(' OR ')})`, values });
  }
  return conditions;
}
