// Errors the sinks throw on purpose: a write that may be retried, and archive state that cannot be trusted.
import { ToolkitError } from '../../common/errors';

/** A sink could not make a batch durable; the processor must not checkpoint it. */
export class SinkWriteError extends ToolkitError {
  public constructor(sink: string, message: string, options: { retryable: boolean; cause?: unknown }) {
    super('SINK_WRITE_FAILED', `${sink}: ${message}`, options);
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
