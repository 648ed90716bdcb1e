// Errors of the KPL codec.
import { ToolkitError } from '../errors';

/** Malformed protobuf: caught by the aggregate decoder and reported as a corrupt aggregate (never retried: the bytes will not change). */
export class WireFormatError extends ToolkitError {
  public constructor(message: string) {
    super('KPL_WIRE_FORMAT', message);
  }
}
