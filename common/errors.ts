// The project's error taxonomy: one base error with a stable code, a retryable flag and a cause.

export interface ToolkitErrorOptions {
  readonly retryable?: boolean;
  readonly cause?: unknown;
}

/** Base of every error this project throws on purpose. */
export class ToolkitError extends Error {
  public readonly code: string;
  public readonly retryable: boolean;

  public constructor(code: string, message: string, options: ToolkitErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.retryable = options.retryable ?? false;
  }
}

/** Bad configuration: carries every problem found, so one run shows them all. */
export class ConfigError extends ToolkitError {
  public readonly problems: readonly string[];

  public constructor(subject: string, problems: readonly string[]) {
    super('CONFIG_INVALID', `${subject}: ${problems.length} problem(s):\n  - ${problems.join('\n  - ')}`);
    this.problems = problems;
  }
}

/** A retryable operation failed on every attempt; `cause` is the last failure. */
export class RetriesExhaustedError extends ToolkitError {
  public readonly attempts: number;

  public constructor(operation: string, attempts: number, cause: unknown) {
    super('RETRIES_EXHAUSTED', `${operation} failed after ${attempts} attempt(s): ${describeError(cause)}`, { cause });
    this.attempts = attempts;
  }
}

/** A short, credential-free description of any thrown value. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return typeof error === 'string' ? error : (JSON.stringify(error) ?? String(error));
}
