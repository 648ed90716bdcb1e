// Where the people tools read scored posts: REDSHIFT_* variables (as the sinks read them), else the URL `npm start` wrote to .local/endpoints.json.
import * as fs from 'node:fs';
import type { ConfigReader } from '../../common/config/config-reader';
import {
  readPgConnection,
  readStatementTimeoutMs,
  SQL_TABLE_NAME,
  type PgConnectionSettings,
} from '../../common/pg/pg-connection';
import { DEFAULT_ENDPOINTS_FILE } from '../../common/aws/local-or-cloud';

/** The connection settings as the sinks read them (common/pg/pg-connection.ts), plus the posts table. */
export interface PostsSource extends PgConnectionSettings {
  /** Validated [schema.]table, safe to splice into SQL. */
  readonly table: string;
  readonly statementTimeoutMs: number;
  /** Where the URL came from, for messages: `REDSHIFT_URL` or the endpoints file path. */
  readonly origin: string;
  /**
   * Which engine answers (the few SQL expressions that differ are picked by it): REDSHIFT_DIALECT as the sinks read
   * it, else redshift for a URL on port 5439 or a *.redshift*.amazonaws.com host, postgresql otherwise.
   */
  readonly engine?: 'postgresql' | 'redshift';
}

export { DEFAULT_ENDPOINTS_FILE };

/** Reads the posts source; problems go to the reader, so the caller's finish() reports them with the rest. */
export function readPostsSource(reader: ConfigReader): PostsSource {
  const endpointsFile = reader.string('ENDPOINTS_FILE', DEFAULT_ENDPOINTS_FILE);
  const envUrl = reader.string('REDSHIFT_URL');
  const local = envUrl === undefined ? localPostgres(endpointsFile) : undefined;
  const connection = readPgConnection(reader, {
    fallback: {
      url: local?.url,
      whenMissing: `REDSHIFT_URL is not set and ${endpointsFile} has no postgres URL (is \`npm start\` running?)`,
    },
  });
  const table = reader.string('REDSHIFT_POSTS_TABLE', local?.table ?? 'public.post_sentiment');
  if (!SQL_TABLE_NAME.test(table))
    reader.problem(`REDSHIFT_POSTS_TABLE "${table}" must be [schema.]table in lower-case letters, digits and _`);
  const guessed = /:5439\/|\.redshift(-serverless)?\.amazonaws\.com/.test(connection.url) ? 'redshift' : 'postgresql';
  return {
    ...connection,
    table,
    engine: reader.oneOf('REDSHIFT_DIALECT', ['redshift', 'postgresql'] as const, guessed),
    // A dashboard or report query should fail sooner than a sink load.
    statementTimeoutMs: readStatementTimeoutMs(reader, 30_000),
    origin: envUrl === undefined ? endpointsFile : 'REDSHIFT_URL',
  };
}

/** The postgres URL and posts table from an endpoints file, or undefined when the file is absent or has none. */
export function localPostgres(file: string): { url: string; table?: string } | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    return undefined;
  }
  const postgres = (document as { postgres?: { url?: unknown; tables?: unknown } } | null)?.postgres;
  if (typeof postgres?.url !== 'string') return undefined;
  const tables = Array.isArray(postgres.tables)
    ? postgres.tables.filter((t): t is string => typeof t === 'string')
    : [];
  const table = tables.find((t) => t.endsWith('post_sentiment'));
  return { url: postgres.url, ...(table === undefined ? {} : { table }) };
}
