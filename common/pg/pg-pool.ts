// The one pg pool factory (sinks and people tools): TLS with an optional CA bundle, a statement timeout on every connection, idle errors logged.
import * as fs from 'node:fs';
import { Pool, type PoolConfig } from 'pg';
import type { Logger } from '../logger';
import { redactText } from '../redact';
import type { PgConnectionSettings } from './pg-connection';

export interface PgPoolOptions {
  /** postgres://user:password@host:port/database (the password may instead come from `password`). */
  readonly connectionString: string;
  readonly password?: string;
  /** TLS: off, on with certificate verification (default), or on with a CA bundle (PEM text). */
  readonly tls: { readonly enabled: boolean; readonly rejectUnauthorized?: boolean; readonly ca?: string };
  readonly poolSize: number;
  readonly connectTimeoutMs: number;
  /** Server-side cap per statement, so a stuck statement fails instead of blocking its caller forever. */
  readonly statementTimeoutMs: number;
  readonly logger: Logger;
  /** Custom type parsers (the people tools read TIMESTAMP as UTC). */
  readonly types?: PoolConfig['types'];
}

/** The pool options a settings object names; reads the CA file (throws when it is unreadable). */
export function pgPoolOptionsFrom(
  settings: PgConnectionSettings,
): Pick<PgPoolOptions, 'connectionString' | 'password' | 'tls' | 'poolSize'> {
  const ca = settings.tls.caFile === undefined ? undefined : fs.readFileSync(settings.tls.caFile, 'utf8');
  return {
    connectionString: settings.url,
    ...(settings.password === undefined ? {} : { password: settings.password }),
    tls: {
      enabled: settings.tls.enabled,
      rejectUnauthorized: settings.tls.rejectUnauthorized,
      ...(ca === undefined ? {} : { ca }),
    },
    poolSize: settings.poolSize,
  };
}

export function createPgPool(options: PgPoolOptions): Pool {
  const config: PoolConfig = {
    connectionString: options.connectionString,
    max: options.poolSize,
    connectionTimeoutMillis: options.connectTimeoutMs,
    idleTimeoutMillis: 30_000,
    allowExitOnIdle: true,
    ...(options.types === undefined ? {} : { types: options.types }),
    ...(options.password === undefined ? {} : { password: options.password }),
    ...(options.tls.enabled
      ? {
          ssl: {
            rejectUnauthorized: options.tls.rejectUnauthorized ?? true,
            ...(options.tls.ca === undefined ? {} : { ca: options.tls.ca }),
          },
        }
      : {}),
  };
  // SET rather than a startup parameter: Redshift accepts the SET, not every startup option PostgreSQL does. Run in the
  // pool's onConnect hook (pg-pool 3.10+), awaited before the pool hands the client out, so it precedes the caller's first
  // statement without queueing two queries on one client (which pg 8.20+ deprecates).
  config.onConnect = async (client) => {
    await client.query(`SET statement_timeout TO ${Math.floor(options.statementTimeoutMs)}`).catch(() => undefined);
  };
  const pool = new Pool(config);
  // An idle client losing its connection emits 'error' on the pool; unhandled, that would kill the process.
  pool.on('error', (error) =>
    options.logger.warn('idle database connection failed', { error: redactText(error.message) }),
  );
  return pool;
}
