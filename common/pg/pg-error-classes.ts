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
