// The logging port: what every module may call; the winston implementation lives in winston-logger.ts.

export type LogFields = Readonly<Record<string, unknown>>;

export interface Logger {
  error(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  debug(message: string, fields?: LogFields): void;
  child(fields: LogFields): Logger;
}

/** A logger that drops everything (tests, benchmarks). */
export class NullLogger implements Logger {
  public error(): void {}
  public warn(): void {}
  public info(): void {}
  public debug(): void {}
  public child(): Logger {
    return this;
  }
}
