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

/**
 * What PostgreSQL and Redshift say when a value, not the system, is wrong. PostgreSQL reports SQLSTATE class 22 (data
 * exception) or 23 (integrity constraint violation); Redshift reports many of the same as XX000 with its own text (for
 * example "Value too long for character type", internal code 8001), and the Data API returns only the text
 * (DescribeStatement `Error`, "ERROR: ..."). Sources: PostgreSQL Appendix A "Error codes"; Redshift error texts as its
 * drivers relay them.
 */
const DATA_MESSAGES = [
  /value too long for (character )?type/i,
  /string length exceeds ddl length/i,
  /invalid input syntax for/i,
  /invalid byte sequence for encoding/i,
  /has no equivalent in encoding/i,
  /unsupported unicode escape sequence/i,
  /unicode (low|high) surrogate must/i,
  /json pars(e|ing) error|invalid json/i,
  /violates not-null constraint|cannot insert a null value/i,
  /out of range for type|field value out of range|numeric (data|field) overflow/i,
  /invalid digit, value/i,
  /invalid (timestamp|date) format/i,
];

/** SQLSTATE classes whose errors are about the statement or the system, never about one row's values. */
const SYSTEMIC_CLASS = /^(08|28|3D|3F|40|42|53|54|55|57|58|F0|P0)/;

/**
 * True when the database refused the rows' values (SQLSTATE class 22 or 23, or Redshift's text for the same): a retry
 * of the same rows fails the same way, and splitting the batch isolates the rows at fault. False for everything
 * systemic (missing table 42P01, permission 42501, connections 08xxx, resources 53xxx), which must hold the batch.
 */
export function isDataSqlError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) {
    if (/^2[23]/.test(code)) return true;
    if (SYSTEMIC_CLASS.test(code)) return false;
  }
  return DATA_MESSAGES.some((pattern) => pattern.test(error.message));
}
