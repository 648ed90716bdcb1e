// Errors of the collector's post journal: a write that did not reach the disk stops the collector rather than drop a post.
import { ToolkitError } from '../../common/errors';

/** Error codes of a full file system (ENOSPC) or an exhausted quota (EDQUOT). */
const DISK_FULL_CODES = new Set(['ENOSPC', 'EDQUOT']);

/**
 * The journal could not append or sync a batch. `diskFull` when the file system is out of space or quota. The batch was
 * not journaled (its partial bytes were cut off), so the collector stops reading its source: a post it cannot keep is
 * never counted, and its stream position never moves past it.
 */
export class JournalWriteError extends ToolkitError {
  public readonly diskFull: boolean;

  public constructor(
    public readonly file: string,
    cause: unknown,
    /** What the collector did about it (appended to the message). */
    detail?: string,
  ) {
    const code = (cause as { code?: unknown } | undefined)?.code;
    const diskFull = typeof code === 'string' && DISK_FULL_CODES.has(code);
    super(
      diskFull ? 'JOURNAL_DISK_FULL' : 'JOURNAL_WRITE_FAILED',
      `${diskFull ? 'the disk is full: ' : ''}cannot write the post journal ${file} (${typeof code === 'string' ? code : String(cause)})${detail === undefined ? '' : `; ${detail}`}`,
      { cause },
    );
    this.diskFull = diskFull;
  }
}
