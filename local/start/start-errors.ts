// Errors of `npm start`'s own checks, under the project's ToolkitError base.
import { ToolkitError } from '../../common/errors';

/** Ports `npm start` needs are taken or configured twice; `problems` names each, with the flag and variable that move it. */
export class PortsUnavailableError extends ToolkitError {
  public constructor(public readonly problems: readonly string[]) {
    super(
      'PORTS_UNAVAILABLE',
      problems.length === 1
        ? problems[0]!
        : `${problems.length} port problems:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
  }
}
