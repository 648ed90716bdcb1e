// Errors of curated compaction: state that a rerun cannot safely finish without a person looking.
import { ToolkitError } from '../../common/errors';

/** A manifest or an input is not what compaction left: going on could lose or double rows. */
export class CompactionStateError extends ToolkitError {
  public constructor(key: string, problem: string) {
    super('COMPACTION_STATE_INVALID', `compaction state ${key}: ${problem}`);
  }
}
