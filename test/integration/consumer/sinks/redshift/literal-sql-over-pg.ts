// Runs what the Data API executor would submit (hex literals, a small statement cap per transaction) over pg, to prove that SQL on a real engine.
import { expect } from 'chai';
import type { SqlStatement } from '../../../../../consumer/sinks/redshift/load-plan';
import type { PgExecutor } from '../../../../../consumer/sinks/redshift/pg-executor';
import type { SqlExecutor } from '../../../../../consumer/sinks/redshift/sql-executor';

/** The Data API executor's SQL (literals only, capped transactions) over a real PostgreSQL connection. */
export class LiteralSqlOverPg implements SqlExecutor {
  public readonly name = 'literal-sql-over-pg';
  public readonly valueStyle = 'literals' as const;
  public transactions = 0;
  public constructor(
    private readonly inner: PgExecutor,
    public readonly maxStatementsPerTransaction: number,
  ) {}
  public transaction(statements: readonly SqlStatement[]): Promise<void> {
    expect(statements.every((statement) => statement.values.length === 0)).to.equal(true);
    this.transactions += 1;
    return this.inner.transaction(statements);
  }
  public close(): Promise<void> {
    return this.inner.close();
  }
}
