// The port the Redshift sink runs SQL through: a direct pg connection or the Redshift Data API.
import type { SqlStatement, ValueStyle } from './load-plan';

export interface SqlExecutor {
  readonly name: string;
  /** How the executor wants values: bound parameters, or literals inlined in the text. */
  readonly valueStyle: ValueStyle;
  /** Most statements one transaction may hold (the Data API caps a batch); Infinity for pg. */
  readonly maxStatementsPerTransaction: number;
  /** Runs the statements in one transaction: all or nothing. */
  transaction(statements: readonly SqlStatement[]): Promise<void>;
  close(): Promise<void>;
}
