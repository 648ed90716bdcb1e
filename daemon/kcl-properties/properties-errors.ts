// Errors of reading the daemon's properties files, under the project's ToolkitError base.
import { ToolkitError } from '../../common/errors';

/** `Properties.load` would throw: the daemon refuses to start. */
export class PropertiesSyntaxError extends ToolkitError {
  public constructor(
    public readonly line: number,
    message: string,
  ) {
    super('PROPERTIES_SYNTAX', `line ${line}: ${message}`);
  }
}
