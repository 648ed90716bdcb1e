// The one reader of the Redshift/PostgreSQL connection settings (REDSHIFT_URL and friends), shared by the sinks and the people tools.
import type { ConfigReader } from '../config/config-reader';
import type { SettingsTable } from '../config/setting';

/** A direct PostgreSQL-protocol connection (Redshift speaks it). */
export interface PgConnectionSettings {
  /** postgres://user[:password]@host:port/database: may hold a password, never log it (common/redact.ts). */
  readonly url: string;
  readonly password?: string;
  /** `caFile`: a PEM bundle to verify the server with (REDSHIFT_TLS_CA_FILE). */
  readonly tls: { readonly enabled: boolean; readonly rejectUnauthorized: boolean; readonly caFile?: string };
  /** Connections in the pool (REDSHIFT_POOL_SIZE, 1..50). */
  readonly poolSize: number;
}

/** `[schema.]table` in lower-case letters, digits, `_` and `$`: safe to splice into SQL. */
export const SQL_TABLE_NAME = /^([a-z_][a-z0-9_$]{0,126}\.)?[a-z_][a-z0-9_$]{0,126}$/;
const URL_SHAPE = /^postgres(ql)?:\/\/[^\s/]+\/[^\s/?]+/;

/** The connection settings the sinks and the people tools read (their defaults differ only in the statement timeout). */
export const PG_SETTINGS = {
  redshiftUrl: {
    variable: 'REDSHIFT_URL',
    doc: 'postgres://user[:password]@host:port/database (required in pg mode); the password is never logged',
  },
  redshiftPassword: { variable: 'REDSHIFT_PASSWORD', doc: 'the password, when the URL has none' },
  redshiftTls: {
    variable: 'REDSHIFT_TLS',
    doc: 'TLS in pg mode: true for a URL from REDSHIFT_URL, false for the local one',
  },
  redshiftTlsRejectUnauthorized: {
    variable: 'REDSHIFT_TLS_REJECT_UNAUTHORIZED',
    default: true,
    doc: "verify the server's certificate",
  },
  redshiftTlsCaFile: { variable: 'REDSHIFT_TLS_CA_FILE', doc: 'a PEM bundle to verify the server with' },
  redshiftPoolSize: { variable: 'REDSHIFT_POOL_SIZE', default: 2, doc: 'pg connections (1..50)' },
  redshiftStatementTimeoutMs: {
    variable: 'REDSHIFT_STATEMENT_TIMEOUT_MS',
    doc: "per statement (>= 1000); the default is the caller's (a sink load 120000, a people-tool query 30000)",
  },
} as const satisfies SettingsTable;

export interface PgConnectionOptions {
  /**
   * Where a URL comes from when REDSHIFT_URL is not set (the local stand-in's, from .local/endpoints.json), and the
   * problem to report when neither has one; absent: REDSHIFT_URL is required. A fallback URL gets TLS off by default
   * (the stand-in speaks none); a URL set in REDSHIFT_URL gets TLS with verification.
   */
  readonly fallback?: { readonly url: string | undefined; readonly whenMissing: string };
}

/** Reads REDSHIFT_URL, REDSHIFT_PASSWORD, REDSHIFT_TLS, REDSHIFT_TLS_REJECT_UNAUTHORIZED, REDSHIFT_TLS_CA_FILE, REDSHIFT_POOL_SIZE; problems go to the reader. */
export function readPgConnection(reader: ConfigReader, options: PgConnectionOptions = {}): PgConnectionSettings {
  const s = PG_SETTINGS;
  const { fallback } = options;
  const envUrl =
    fallback === undefined ? reader.required(s.redshiftUrl.variable) : reader.string(s.redshiftUrl.variable);
  if (envUrl === undefined && fallback !== undefined && fallback.url === undefined)
    reader.problem(fallback.whenMissing);
  const url = envUrl ?? fallback?.url ?? '';
  // The URL may carry a password: say what is wrong without echoing it.
  if (url !== '' && !URL_SHAPE.test(url))
    reader.problem(`${s.redshiftUrl.variable} must look like postgres://user[:password]@host:port/database`);
  const password = reader.string(s.redshiftPassword.variable);
  const caFile = reader.string(s.redshiftTlsCaFile.variable);
  return {
    url,
    ...(password === undefined ? {} : { password }),
    tls: {
      enabled: reader.boolean(s.redshiftTls.variable, envUrl !== undefined),
      rejectUnauthorized: reader.boolean(
        s.redshiftTlsRejectUnauthorized.variable,
        s.redshiftTlsRejectUnauthorized.default,
      ),
      ...(caFile === undefined ? {} : { caFile }),
    },
    poolSize: reader.integer(s.redshiftPoolSize.variable, s.redshiftPoolSize.default, { min: 1, max: 50 }),
  };
}

/**
 * REDSHIFT_STATEMENT_TIMEOUT_MS (>= 1 s). The default is the caller's: a sink load may take minutes (120 s), a
 * dashboard or report query should fail sooner (30 s).
 */
export function readStatementTimeoutMs(reader: ConfigReader, defaultMs: number): number {
  return reader.integer(PG_SETTINGS.redshiftStatementTimeoutMs.variable, defaultMs, { min: 1_000 });
}
