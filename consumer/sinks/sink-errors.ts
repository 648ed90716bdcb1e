// Errors the sinks throw on purpose: a write that may be retried, and archive state that cannot be trusted.
import { ToolkitError } from '../../common/errors';

/** A sink could not make a batch durable; the processor must not checkpoint it. */
export class SinkWriteError extends ToolkitError {
  public constructor(sink: string, message: string, options: { retryable: boolean; cause?: unknown }) {
    super('SINK_WRITE_FAILED', `${sink}: ${message}`, options);
  }
}

/**
 * A sink refused rows as data (SQLSTATE class 22 or 23, or what Redshift reports for the same: a value too long, bad
 * JSON, an invalid byte sequence, a NULL in a NOT NULL column). Retrying the same rows cannot succeed; the delivery
 * splits the batch to isolate them (batch-bisect.ts). Never used for systemic failures (missing table, access denied,
 * connection), which hold the batch.
 */
export class SinkDataRejectedError extends ToolkitError {
  public constructor(sink: string, message: string, cause?: unknown) {
    super('SINK_DATA_REJECTED', `${sink}: ${message}`, { retryable: false, cause });
  }
}

/** The archive's per-shard progress object is unreadable: writing on could duplicate or hide records. */
export class ArchiveStateError extends ToolkitError {
  public constructor(key: string, problem: string) {
    super('ARCHIVE_STATE_INVALID', `archive state object ${key}: ${problem}`);
  }
}

/** A Redshift Data API statement ended FAILED or ABORTED, or ran past its timeout (`status`: the Data API's). */
export class DataApiStatementError extends ToolkitError {
  public constructor(
    public readonly status: string,
    message: string,
    retryable: boolean,
  ) {
    super('REDSHIFT_STATEMENT_FAILED', `Data API statement ${status}: ${message}`, { retryable });
  }
}

/** A curated Parquet object cannot be read back (compaction, forget): rewriting it could drop rows. */
export class CuratedObjectError extends ToolkitError {
  public constructor(key: string, cause: unknown) {
    super('CURATED_OBJECT_UNREADABLE', `curated object ${key} is not readable Parquet`, { cause });
  }
}
