// Errors of the scaler that mean "a guard stopped us" (exit code: blocked), as opposed to failures.
import { ToolkitError } from '../../common/errors';

/** A guard refused the change: precondition no longer true, lock held, budget gone, plan too old. */
export class ScalingBlockedError extends ToolkitError {
  public constructor(
    code: 'PRECONDITION_FAILED' | 'LOCK_HELD' | 'BUDGET_EXHAUSTED' | 'PLAN_STALE' | 'PLAN_INVALID',
    message: string,
  ) {
    super(code, message);
  }
}

export class ScalingTimeoutError extends ToolkitError {
  public constructor(message: string) {
    super('SCALING_TIMEOUT', message, { retryable: false });
  }
}

/** A metrics export file (from `--export-metrics`, a file we do not control once written) has the wrong shape. */
export class MetricsFileError extends ToolkitError {
  public constructor(message: string) {
    super('METRICS_FILE_INVALID', message);
  }
}
