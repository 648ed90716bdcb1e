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
