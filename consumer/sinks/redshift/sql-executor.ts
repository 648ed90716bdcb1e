// The port the Redshift sink runs SQL through: a direct pg connection or the Redshift Data API.
import { isRetryable } from '../../../common/is-retryable';
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

const TRANSIENT_MESSAGES = [
  /serializable isolation violation/i, // Redshift error 1023 between concurrent writers
  /could not complete because of a conflict with a concurrent transaction/i,
  /connection (terminated|reset|refused)|terminating connection|Connection terminated/i,
  /too many connections|remaining connection slots/i,
  /timeout exceeded when trying to connect/i, // pg Pool
  /the database system is (starting up|shutting down)/i,
];

/** isRetryable() plus what Redshift and pg report as text: serialisation conflicts, dropped or refused connections. */
export function isRetryableSqlError(error: unknown): boolean {
  if (isRetryable(error)) return true;
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  // too_many_connections, lock_not_available, query_canceled (statement_timeout under load); serialization_failure and
  // deadlock_detected (40001, 40P01) are isRetryable()'s already
  if (code === '53300' || code === '55P03' || code === '57014') return true;
  return TRANSIENT_MESSAGES.some((pattern) => pattern.test(error.message));
}
