// Counts the backfilled posts the warehouse holds (rows with source = backfill in the history's time range), through the one pg factory.
import type { Pool } from 'pg';
import type { Logger } from '../../common/logger';
import { SQL_TABLE_NAME } from '../../common/pg/pg-connection';
import { createPgPool } from '../../common/pg/pg-pool';
import { timestampParam } from '../../reporting/posts/post-queries';
import { HISTORY_SOURCE } from './history-posts';

export class HistoryLoadedCount {
  private readonly pool: Pool;

  /** `postgresUrl`: the local stand-in's (no TLS); `table`: a validated [schema.]table. */
  public constructor(
    postgresUrl: string,
    private readonly table: string,
    logger: Logger,
  ) {
    if (!SQL_TABLE_NAME.test(table)) throw new RangeError(`posts table "${table}" must be [schema.]table`);
    this.pool = createPgPool({
      connectionString: postgresUrl,
      tls: { enabled: false },
      poolSize: 1,
      connectTimeoutMs: 10_000,
      statementTimeoutMs: 30_000,
      logger,
    });
  }

  public async count(range: { fromMs: number; toMs: number }): Promise<number> {
    const { rows } = await this.pool.query<{ n: string }>(
      `SELECT COUNT(*) AS n FROM ${this.table} WHERE source = $1 AND created_at >= CAST($2 AS TIMESTAMP) AND created_at < CAST($3 AS TIMESTAMP)`,
      [HISTORY_SOURCE, timestampParam(range.fromMs), timestampParam(range.toMs)],
    );
    return Number(rows[0]?.n ?? 0);
  }

  public async close(): Promise<void> {
    await this.pool.end();
  }
}
