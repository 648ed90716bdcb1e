// Creates the process's winston logger: JSON lines to a file, errors only to stderr, never stdout.
import * as path from 'node:path';
import * as fs from 'node:fs';
import winston from 'winston';
import type { LogFields, Logger } from './logger';
import { redact } from './redact';

export interface WinstonLoggerOptions {
  /** File for JSON log lines; undefined logs to stderr only (errors). */
  readonly file?: string;
  readonly level?: 'error' | 'warn' | 'info' | 'debug';
  /** Write `error` entries to stderr as well (the KCL daemon logs child stderr at ERROR). */
  readonly errorsToStderr?: boolean;
  /**
   * Write entries of this level and above to stderr as JSON lines (a Lambda function's log). Not for the KCL
   * consumer: the daemon logs every stderr line at ERROR.
   */
  readonly stderrLevel?: 'error' | 'warn' | 'info' | 'debug';
  readonly defaultFields?: LogFields;
}

const redactFormat = winston.format((info) => {
  for (const key of Object.keys(info)) {
    if (key !== 'level' && key !== 'message') {
      (info as Record<string, unknown>)[key] = redact((info as Record<string, unknown>)[key]);
    }
  }
  return info;
});

class WinstonLogger implements Logger {
  public constructor(private readonly inner: winston.Logger) {}
  public error(message: string, fields?: LogFields): void {
    this.inner.error(message, fields);
  }
  public warn(message: string, fields?: LogFields): void {
    this.inner.warn(message, fields);
  }
  public info(message: string, fields?: LogFields): void {
    this.inner.info(message, fields);
  }
  public debug(message: string, fields?: LogFields): void {
    this.inner.debug(message, fields);
  }
  public child(fields: LogFields): Logger {
    return new WinstonLogger(this.inner.child(fields));
  }
}

export interface ClosableLogger {
  readonly logger: Logger;
  /** Resolves once every buffered line has reached the file. */
  close(): Promise<void>;
}

export function createWinstonLogger(options: WinstonLoggerOptions): ClosableLogger {
  const transports: winston.transport[] = [];
  if (options.file !== undefined) {
    fs.mkdirSync(path.dirname(options.file), { recursive: true });
    transports.push(new winston.transports.File({ filename: options.file }));
  }
  if (options.stderrLevel !== undefined) {
    transports.push(new winston.transports.Stream({ stream: process.stderr, level: options.stderrLevel }));
  } else if (options.errorsToStderr ?? true) {
    transports.push(
      new winston.transports.Stream({ stream: process.stderr, level: 'error', format: winston.format.simple() }),
    );
  }
  const inner = winston.createLogger({
    level: options.level ?? 'info',
    defaultMeta: options.defaultFields,
    format: winston.format.combine(
      winston.format.timestamp(),
      winston.format.errors({ stack: true }),
      redactFormat(),
      winston.format.json(),
    ),
    transports,
    exitOnError: false,
  });
  return {
    logger: new WinstonLogger(inner),
    close: () =>
      new Promise<void>((resolve) => {
        inner.on('finish', () => resolve());
        inner.end();
        setTimeout(resolve, 2_000).unref();
      }),
  };
}
