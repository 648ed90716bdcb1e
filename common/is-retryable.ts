// Decides whether a failure is worth retrying: our own errors say so; AWS SDK and network errors are classified here.
import { ToolkitError } from './errors';
import { isRetryableSqlState, isTransientSqlMessage } from './pg/pg-error-classes';

const RETRYABLE_NAMES = new Set([
  'ThrottlingException',
  'Throttling',
  'ThrottledException',
  'TooManyRequestsException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'SlowDown',
  'LimitExceededException',
  'InternalFailure',
  'InternalServerError',
  'InternalError',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'KMSThrottlingException',
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
  'KinesisClientLibDependencyException',
  'InternalFailureException',
]);

/** Node's socket error codes for a dropped, refused or unreachable connection. */
const RETRYABLE_SOCKET_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'ENOTFOUND',
  'ECONNABORTED',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

interface ErrorShape {
  name?: unknown;
  code?: unknown;
  $retryable?: unknown;
  $metadata?: { httpStatusCode?: unknown };
}

/**
 * True for an error name or code a later attempt can succeed after: an AWS throttling/5xx name (also a per-entry
 * PutRecords ErrorCode such as ProvisionedThroughputExceededException), a dropped connection, a retryable PostgreSQL
 * SQLSTATE (common/pg/pg-error-classes.ts).
 */
export function isRetryableCode(code: string): boolean {
  return RETRYABLE_NAMES.has(code) || RETRYABLE_SOCKET_CODES.has(code) || isRetryableSqlState(code);
}

/** True when a retry could succeed: throttling, 5xx, timeouts, dropped connections, serialisation failures. */
export function isRetryable(error: unknown): boolean {
  if (error instanceof ToolkitError) return error.retryable;
  if (typeof error !== 'object' || error === null) return false;
  const shape = error as ErrorShape;
  if (shape.$retryable !== undefined && shape.$retryable !== null) return true;
  if (typeof shape.name === 'string' && RETRYABLE_NAMES.has(shape.name)) return true;
  if (typeof shape.code === 'string' && isRetryableCode(shape.code)) return true;
  const status = shape.$metadata?.httpStatusCode;
  return typeof status === 'number' && (status === 429 || status >= 500);
}

/** isRetryable() plus the transient failures Redshift and pg report only as text (serialisation conflicts, dropped connections). */
export function isRetryableSqlError(error: unknown): boolean {
  if (isRetryable(error)) return true;
  return error instanceof Error && isTransientSqlMessage(error.message);
}
