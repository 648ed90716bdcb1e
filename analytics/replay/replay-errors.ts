// Errors of replay: archive input that cannot be read back as the archive sink wrote it.
import { ToolkitError } from '../../common/errors';

/** An archive object is not the NDJSON the archive sink writes: replaying around it could drop records silently. */
export class ReplayInputError extends ToolkitError {
  public constructor(key: string, problem: string) {
    super('REPLAY_INPUT_INVALID', `archive object ${key}: ${problem}`);
  }
}
