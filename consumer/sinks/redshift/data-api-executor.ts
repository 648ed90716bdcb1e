// SqlExecutor over the Redshift Data API: one BatchExecuteStatement per transaction, ClientToken, DescribeStatement polling.
import {
  BatchExecuteStatementCommand,
  DescribeStatementCommand,
  type RedshiftDataClient,
} from '@aws-sdk/client-redshift-data';
import { createHash } from 'node:crypto';
import { DataApiStatementError } from '../sink-errors';
import { sleep as realSleep } from '../../../common/sleep';
import type { SqlStatement } from './load-plan';
import { isRetryableSqlError } from '../../../common/is-retryable';
import type { SqlExecutor } from './sql-executor';

export interface DataApiTarget {
  readonly database: string;
  /** A provisioned cluster (with dbUser or secretArn) or a serverless workgroup (with secretArn or IAM). */
  readonly clusterIdentifier?: string;
  readonly workgroupName?: string;
  readonly dbUser?: string;
  readonly secretArn?: string;
}

export interface DataApiExecutorOptions {
  readonly target: DataApiTarget;
  /** Statements per BatchExecuteStatement (each at most 100 KB of SQL). */
  readonly maxStatementsPerBatch: number;
  readonly pollIntervalMs: number;
  readonly maxPollIntervalMs: number;
  /** A statement still running after this long fails the write (retryable); the ClientToken keeps a resubmission from running it twice. */
  readonly statementTimeoutMs: number;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly now?: () => number;
}

export class DataApiExecutor implements SqlExecutor {
  public readonly name = 'redshift-data-api';
  public readonly valueStyle = 'literals' as const;
  public readonly maxStatementsPerTransaction: number;
  /** How many submissions of the same content ended FAILED: a new token lets a retry run again instead of replaying the failure. */
  private readonly failedSubmissions = new Map<string, number>();

  public constructor(
    private readonly client: RedshiftDataClient,
    private readonly options: DataApiExecutorOptions,
  ) {
    this.maxStatementsPerTransaction = options.maxStatementsPerBatch;
  }

  /** BatchExecuteStatement runs its Sqls as one transaction; values are already inlined (hex literals), so no parameters. */
  public async transaction(statements: readonly SqlStatement[]): Promise<void> {
    if (statements.length > this.options.maxStatementsPerBatch)
      throw new RangeError(
        `${statements.length} statements exceed the batch limit ${this.options.maxStatementsPerBatch}`,
      );
    const sqls = statements.map((statement) => {
      if (statement.values.length > 0) throw new TypeError('Data API statements must carry literals, not parameters');
      return statement.text;
    });
    const digest = createHash('sha256').update(sqls.join('\u0000')).digest('hex');
    const failures = this.failedSubmissions.get(digest) ?? 0;
    const { target } = this.options;
    const submitted = await this.client.send(
      new BatchExecuteStatementCommand({
        Sqls: sqls,
        Database: target.database,
        ClusterIdentifier: target.clusterIdentifier,
        WorkgroupName: target.workgroupName,
        DbUser: target.dbUser,
        SecretArn: target.secretArn,
        ClientToken: `${digest.slice(0, 48)}-${failures}`,
      }),
    );
    if (submitted.Id === undefined)
      throw new DataApiStatementError('UNKNOWN', 'BatchExecuteStatement returned no Id', true);
    try {
      await this.waitFor(submitted.Id);
      this.failedSubmissions.delete(digest);
    } catch (error: unknown) {
      if (error instanceof DataApiStatementError && error.status !== 'TIMEOUT')
        this.failedSubmissions.set(digest, failures + 1);
      throw error;
    }
  }

  public close(): Promise<void> {
    return Promise.resolve();
  }

  private async waitFor(id: string): Promise<void> {
    const now = this.options.now ?? Date.now;
    const wait = this.options.sleep ?? realSleep;
    const deadline = now() + this.options.statementTimeoutMs;
    let interval = this.options.pollIntervalMs;
    for (;;) {
      const described = await this.client.send(new DescribeStatementCommand({ Id: id }));
      const status = described.Status ?? 'UNKNOWN';
      if (status === 'FINISHED') return;
      if (status === 'FAILED' || status === 'ABORTED') {
        const message = described.Error ?? status;
        throw new DataApiStatementError(
          status,
          message,
          status === 'ABORTED' || isRetryableSqlError(new Error(message)),
        );
      }
      if (now() > deadline)
        throw new DataApiStatementError(
          'TIMEOUT',
          `statement ${id} still ${status} after ${this.options.statementTimeoutMs} ms`,
          true,
        );
      await wait(interval);
      interval = Math.min(this.options.maxPollIntervalMs, Math.ceil(interval * 1.5));
    }
  }
}
