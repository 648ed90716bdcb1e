// The PostgreSQL and Redshift failures a retry can get past: SQLSTATEs and messages, for sinks and people tools alike (used by common/is-retryable.ts).

/**
 * SQLSTATEs after which the same statement can succeed (PostgreSQL "Appendix A. Error Codes"; Redshift reports the
 * same codes over the pg protocol):
 * - class 08, connection exception: 08000, 08003 (connection does not exist), 08006 (connection failure);
 * - 40001 serialization_failure (Redshift error 1023 between concurrent writers), 40P01 deadlock_detected;
 * - 53300 too_many_connections; 55P03 lock_not_available;
 * - 57014 query_canceled (statement_timeout under load); 57P01-57P03 admin/crash shutdown, cannot connect now.
 */
export const RETRYABLE_SQLSTATES: ReadonlySet<string> = new Set([
  '08000',
  '08003',
  '08006',
  '40001',
  '40P01',
  '53300',
  '55P03',
  '57014',
  '57P01',
  '57P02',
  '57P03',
]);

/** What Redshift (the Data API reports text, not a code) and the pg driver say about the same transient failures. */
const TRANSIENT_MESSAGES = [
  /serializable isolation violation/i, // Redshift error 1023 between concurrent writers
  /could not complete because of a conflict with a concurrent transaction/i,
  /connection (terminated|reset|refused)|terminating connection|Connection terminated/i,
  /too many connections|remaining connection slots/i,
  /timeout exceeded when trying to connect/i, // pg Pool
  /the database system is (starting up|shutting down)/i,
];

/** True for a SQLSTATE a retry can get past (see RETRYABLE_SQLSTATES). */
export function isRetryableSqlState(code: string): boolean {
  return RETRYABLE_SQLSTATES.has(code);
}

/** True for a message Redshift or pg gives a transient failure that carries no code. */
export function isTransientSqlMessage(message: string): boolean {
  return TRANSIENT_MESSAGES.some((pattern) => pattern.test(message));
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
