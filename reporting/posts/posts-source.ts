// Where the people tools read scored posts: REDSHIFT_* variables (as the sinks read them), else the URL `npm start` wrote to .local/endpoints.json.
import type { ConfigReader } from '../../common/config/config-reader';
import {
  readPgConnection,
  readStatementTimeoutMs,
  SQL_TABLE_NAME,
  type PgConnectionSettings,
} from '../../common/pg/pg-connection';
import { readLocalStackFile } from '../../common/aws/local-stack-file';
import { POSTS_TABLE_BASENAME } from '../../consumer/sinks/redshift/table-spec';
import { POSTS_SOURCE_SETTINGS as S } from './posts-settings';

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

/** Reads the posts source; problems go to the reader, so the caller's finish() reports them with the rest. */
export function readPostsSource(reader: ConfigReader): PostsSource {
  const endpointsFile = reader.string(S.endpointsFile.variable, S.endpointsFile.default);
  const envUrl = reader.string(S.redshiftUrl.variable);
  const local = envUrl === undefined ? localPostgres(endpointsFile) : undefined;
  const connection = readPgConnection(reader, {
    fallback: {
      url: local?.url,
      whenMissing: `REDSHIFT_URL is not set and ${endpointsFile} has no postgres URL (is \`npm start\` running?)`,
    },
  });
  const table = reader.string(S.redshiftPostsTable.variable, local?.table ?? S.redshiftPostsTable.default);
  if (!SQL_TABLE_NAME.test(table))
    reader.problem(
      `${S.redshiftPostsTable.variable} "${table}" must be [schema.]table in lower-case letters, digits and _`,
    );
  const guessed = /:5439\/|\.redshift(-serverless)?\.amazonaws\.com/.test(connection.url) ? 'redshift' : 'postgresql';
  return {
    ...connection,
    table,
    engine: reader.oneOf(S.redshiftDialect.variable, ['redshift', 'postgresql'] as const, guessed),
    // A dashboard or report query should fail sooner than a sink load.
    statementTimeoutMs: readStatementTimeoutMs(reader, S.redshiftStatementTimeoutMs.default),
    origin: envUrl === undefined ? endpointsFile : S.redshiftUrl.variable,
  };
}

/** The postgres URL and posts table from an endpoints file, or undefined when the file is absent or has none. */
export function localPostgres(file: string): { url: string; table?: string } | undefined {
  const postgres = readLocalStackFile(file)?.postgres;
  if (postgres === undefined) return undefined;
  const table = postgres.tables.find((t) => t.endsWith(POSTS_TABLE_BASENAME));
  return { url: postgres.url, ...(table === undefined ? {} : { table }) };
}
