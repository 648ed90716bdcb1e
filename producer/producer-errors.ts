// Errors a put() can reject with: expired TTL, rejected by Kinesis, invalid input, producer closed.
import { ToolkitError } from '../common/errors';

/** The user record was not accepted by Kinesis within its TTL; `lastErrorCode` says why the last attempt failed. */
export class RecordExpiredError extends ToolkitError {
  public constructor(
    public readonly attempts: number,
    public readonly lastErrorCode: string | undefined,
    cause?: unknown,
  ) {
    super(
      'RECORD_EXPIRED',
      `user record expired after ${attempts} attempt(s)${lastErrorCode === undefined ? '' : `; last error ${lastErrorCode}`}`,
      { cause },
    );
  }
}

/** Kinesis refused the record with an error a retry cannot fix (for example access denied or validation). */
export class RecordRejectedError extends ToolkitError {
  public constructor(
    public readonly attempts: number,
    public readonly errorCode: string,
    errorMessage: string,
    cause?: unknown,
  ) {
    super('RECORD_REJECTED', `Kinesis rejected the record: ${errorCode}: ${errorMessage}`, { cause });
  }
}

/** The user record breaks a Kinesis rule (partition key length, data size, explicit hash key range). */
export class InvalidUserRecordError extends ToolkitError {
  public constructor(reason: string) {
    super('INVALID_USER_RECORD', reason);
  }
}

/** put() was called after close(). */
export class ProducerClosedError extends ToolkitError {
  public constructor() {
    super('PRODUCER_CLOSED', 'the producer is closed');
  }
}
