// The Redshift sink: creates the tables if missing, then loads each batch's posts and vehicle readings idempotently.
import { describeError, RetriesExhaustedError } from '../../../common/errors';
import type { Logger } from '../../../common/logger';
import { retry, type RetryPolicy } from '../../../common/retry';
import type { Sink, SinkBatch } from '../sink';
import { SinkDataRejectedError, SinkWriteError } from '../sink-errors';
import { loadStatements, DEFAULT_LIMITS, type LoadLimits, type SqlStatement } from './load-plan';
import { postRow, vehicleRow } from './row-mapper';
import type { SqlDialect, SqlValue } from './sql-dialect';
import { isRetryableSqlError } from '../../../common/is-retryable';
import { isDataSqlError } from '../../../common/pg/pg-error-classes';
import type { SqlExecutor } from './sql-executor';
import { dashboardRollupSql } from './dashboard-rollups';
import { ensureTableSql } from './table-ddl';
import { postTable, vehicleTable, type TableSpec } from './table-spec';

export interface RedshiftSinkOptions {
  readonly dialect: SqlDialect;
  readonly postsTable: string;
  readonly vehiclesTable: string;
  readonly createTables: boolean;
  readonly retryPolicy: RetryPolicy;
  readonly limits?: LoadLimits;
  readonly logger: Logger;
  readonly sleep?: (ms: number) => Promise<void>;
}

export class RedshiftSink implements Sink {
  public readonly name = 'redshift';
  private readonly posts: TableSpec;
  private readonly vehicles: TableSpec;
  private tablesReady: Promise<void> | undefined;

  public constructor(
    private readonly executor: SqlExecutor,
    private readonly options: RedshiftSinkOptions,
  ) {
    this.posts = postTable(options.postsTable);
    this.vehicles = vehicleTable(options.vehiclesTable);
  }

  /**
   * Runs the DDL (CREATE TABLE IF NOT EXISTS) once; a failure is retried on the next call. The dashboard's rollups
   * follow, one statement per transaction (each is idempotent by itself, and so fits any Data API batch limit).
   */
  public ensureTables(): Promise<void> {
    if (!this.options.createTables) return Promise.resolve();
    const rollups = dashboardRollupSql(this.options.dialect, this.posts.name).map((text) => ({ text, values: [] }));
    this.tablesReady ??= this.withRetry('create tables', async () => {
      await this.executor.transaction(
        [this.posts, this.vehicles]
          .flatMap((table) => ensureTableSql(this.options.dialect, table))
          .map((text) => ({ text, values: [] })),
      );
      for (const statement of rollups) await this.executor.transaction([statement]);
    }).catch((error: unknown) => {
      this.tablesReady = undefined;
      throw error;
    });
    return this.tablesReady;
  }

  public async write(batch: SinkBatch): Promise<void> {
    if (batch.posts.length === 0 && batch.vehicles.length === 0) return;
    await this.ensureTables();
    const transactions = this.planOrRefuse(batch);
    for (const statements of transactions)
      await this.withRetry(`load ${batch.shardId}`, () => this.executor.transaction(statements), 'rows');
    this.options.logger.debug('loaded batch', {
      shardId: batch.shardId,
      posts: batch.posts.length,
      vehicles: batch.vehicles.length,
      transactions: transactions.length,
    });
  }

  public close(): Promise<void> {
    return this.executor.close();
  }

  /** A row too large for one statement (Data API) is the row's fault: refused as data, so the delivery isolates it. */
  private planOrRefuse(batch: SinkBatch): SqlStatement[][] {
    try {
      return this.plan(batch);
    } catch (error: unknown) {
      if (error instanceof RangeError) throw new SinkDataRejectedError(this.name, error.message, error);
      throw error;
    }
  }

  /**
   * One transaction for the whole batch when the executor allows it (pg). The Data API caps statements per
   * batch, so rows are split into groups that each fit; every group is a complete keyed load by itself, so
   * each key is still present exactly once after any group commits, and a replay redoes the rest.
   */
  private plan(batch: SinkBatch): SqlStatement[][] {
    const loads = [
      ...this.loads(this.posts, batch.posts.map(postRow)),
      ...this.loads(this.vehicles, batch.vehicles.map(vehicleRow)),
    ];
    const max = this.executor.maxStatementsPerTransaction;
    const transactions: SqlStatement[][] = [];
    for (const load of loads) {
      const current = transactions[transactions.length - 1];
      if (current !== undefined && current.length + load.length <= max) current.push(...load);
      else transactions.push([...load]);
    }
    return transactions;
  }

  private loads(table: TableSpec, rows: readonly (readonly SqlValue[])[]): SqlStatement[][] {
    const { dialect } = this.options;
    const limits = this.options.limits ?? DEFAULT_LIMITS;
    const whole = loadStatements(dialect, table, rows, this.executor.valueStyle, limits);
    if (whole.length <= this.executor.maxStatementsPerTransaction || rows.length <= 1)
      return whole.length === 0 ? [] : [whole];
    const half = Math.ceil(rows.length / 2);
    return [...this.loads(table, rows.slice(0, half)), ...this.loads(table, rows.slice(half))];
  }

  /**
   * `rows`: the statements load the batch's rows, so a data error (isDataSqlError) is the rows' fault and becomes a
   * SinkDataRejectedError; anywhere else (the DDL) every error is systemic.
   */
  private async withRetry(
    operation: string,
    fn: () => Promise<void>,
    scope: 'rows' | 'schema' = 'schema',
  ): Promise<void> {
    try {
      await retry(fn, {
        policy: this.options.retryPolicy,
        operation: `redshift ${operation}`,
        isRetryable: isRetryableSqlError,
        ...(this.options.sleep === undefined ? {} : { sleep: this.options.sleep }),
        onRetry: (error, attempt, delayMs) =>
          this.options.logger.warn('redshift call failed, retrying', {
            operation,
            attempt,
            delayMs,
            error: describeError(error),
          }),
      });
    } catch (error: unknown) {
      // Exhausted retries of a transient failure stay retryable: the processor keeps the checkpoint back and tries again later.
      const retryable = error instanceof RetriesExhaustedError || isRetryableSqlError(error);
      if (!retryable && scope === 'rows' && isDataSqlError(error))
        throw new SinkDataRejectedError(this.name, `${operation} refused the rows: ${describeSqlError(error)}`, error);
      throw new SinkWriteError(this.name, `${operation} failed: ${describeError(error)}`, { retryable, cause: error });
    }
  }
}

/** describeError plus the SQLSTATE when the driver gives one (pg's DatabaseError `code`), for the dead letter's detail. */
function describeSqlError(error: unknown): string {
  const code = error instanceof Error ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)
    ? `${describeError(error)} (SQLSTATE ${code})`
    : describeError(error);
}
