// Errors of redrive: dead letters, ledger entries or Lambda failure records that cannot be read as written.
import { ToolkitError } from '../../common/errors';

/** A dead-letter object is not the NDJSON the archive sink writes: redriving around it could skip letters silently. */
export class RedriveInputError extends ToolkitError {
  public constructor(key: string, problem: string) {
    super('REDRIVE_INPUT_INVALID', `dead-letter object ${key}: ${problem}`);
  }
}

/** A redrive ledger entry is unreadable: guessing what was redriven could load a letter twice or never. */
export class RedriveLedgerError extends ToolkitError {
  public constructor(key: string, problem: string) {
    super('REDRIVE_LEDGER_INVALID', `redrive ledger entry ${key}: ${problem}`);
  }
}

/** An SQS message of the Lambda consumer's on-failure destination is not an invocation record of a Kinesis batch. */
export class LambdaFailureRecordError extends ToolkitError {
  public constructor(messageId: string, problem: string) {
    super('LAMBDA_FAILURE_RECORD_INVALID', `on-failure message ${messageId}: ${problem}`);
  }
}
