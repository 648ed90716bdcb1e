// SqlExecutor over a direct pg connection pool (Redshift speaks the PostgreSQL protocol): real transactions, optional TLS.
import type { Pool } from 'pg';
import { createPgPool, type PgPoolOptions } from '../../../common/pg/pg-pool';
import type { SqlStatement } from './load-plan';
import type { SqlExecutor } from './sql-executor';

/** The pool's settings (common/pg/pg-pool.ts); `types` stays pg's default here. */
export type PgExecutorOptions = Omit<PgPoolOptions, 'types'>;

export class PgExecutor implements SqlExecutor {
  public readonly name = 'pg';
  public readonly valueStyle = 'parameters' as const;
  public readonly maxStatementsPerTransaction = Number.POSITIVE_INFINITY;
  private readonly pool: Pool;

  public constructor(options: PgExecutorOptions) {
    this.pool = createPgPool(options);
  }

  public async transaction(statements: readonly SqlStatement[]): Promise<void> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      for (const statement of statements) await client.query(statement.text, [...statement.values]);
      await client.query('COMMIT');
    } catch (error: unknown) {
      await client.query('ROLLBACK').catch((rollbackError: unknown) => {
        broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
      });
      throw error;
    } finally {
      // A connection whose rollback failed is discarded rather than handed to the next load.
      client.release(broken);
    }
  }

  public async close(): Promise<void> {
    await this.pool.end();
  }
}
