// SqlExecutor over a direct pg connection pool (Redshift speaks the PostgreSQL protocol): real transactions, optional TLS.
import { Pool, type PoolConfig } from 'pg';
import type { Logger } from '../../../common/logger';
import { redactText } from '../../../common/redact';
import type { SqlStatement } from './load-plan';
import type { SqlExecutor } from './sql-executor';

export interface PgExecutorOptions {
  /** postgres://user:password@host:port/database (the password may instead come from `password`). */
  readonly connectionString: string;
  readonly password?: string;
  /** TLS: off, on with certificate verification, or on with a CA bundle (PEM). */
  readonly tls: { readonly enabled: boolean; readonly rejectUnauthorized?: boolean; readonly ca?: string };
  readonly poolSize: number;
  readonly connectTimeoutMs: number;
  /** Server-side cap per statement, so a stuck load fails instead of blocking the shard forever. */
  readonly statementTimeoutMs: number;
  readonly logger: Logger;
}

export class PgExecutor implements SqlExecutor {
  public readonly name = 'pg';
  public readonly valueStyle = 'parameters' as const;
  public readonly maxStatementsPerTransaction = Number.POSITIVE_INFINITY;
  private readonly pool: Pool;

  public constructor(options: PgExecutorOptions) {
    const config: PoolConfig = {
      connectionString: options.connectionString,
      max: options.poolSize,
      connectionTimeoutMillis: options.connectTimeoutMs,
      idleTimeoutMillis: 30_000,
      allowExitOnIdle: true,
      ...(options.password === undefined ? {} : { password: options.password }),
      ...(options.tls.enabled ? { ssl: { rejectUnauthorized: options.tls.rejectUnauthorized ?? true, ...(options.tls.ca === undefined ? {} : { ca: options.tls.ca }) } } : {}),
    };
    this.pool = new Pool(config);
    // An idle client losing its connection emits 'error' on the pool; unhandled, that would kill the process.
    this.pool.on('error', (error) => options.logger.warn('idle database connection failed', { error: redactText(error.message) }));
    // SET rather than a startup parameter: Redshift accepts the SET, not every startup option PostgreSQL does.
    this.pool.on('connect', (client) => { client.query(`SET statement_timeout TO ${Math.floor(options.statementTimeoutMs)}`).catch(() => undefined); });
  }

  public async transaction(statements: readonly SqlStatement[]): Promise<void> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      for (const statement of statements) await client.query(statement.text, [...statement.values]);
      await client.query('COMMIT');
    } catch (error: unknown) {
      await client.query('ROLLBACK').catch((rollbackError: unknown) => { broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError)); });
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
