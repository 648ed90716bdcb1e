// Errors of the dashboard's HTTP interface.
import { ToolkitError } from '../../common/errors';

/** A URL parameter the dashboard cannot use: answered 400 with `{ error, parameter }`. */
export class BadParameterError extends ToolkitError {
  public constructor(
    public readonly parameter: string,
    message: string,
  ) {
    super('BAD_PARAMETER', `${parameter}: ${message}`);
  }
}
