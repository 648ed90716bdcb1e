// Where the people tools read scored posts: REDSHIFT_* variables (as the sinks read them), else the URL `npm start` wrote to .local/endpoints.json.
import * as fs from 'node:fs';
import type { ConfigReader } from '../../common/config/config-reader';
import { DEFAULT_ENDPOINTS_FILE } from '../../common/aws/local-or-cloud';

export interface PostsSource {
  /** postgres://user[:password]@host:port/database: may hold a password, never log it (common/redact.ts). */
  readonly url: string;
  readonly password?: string;
  readonly tls: { readonly enabled: boolean; readonly rejectUnauthorized: boolean };
  /** Validated [schema.]table, safe to splice into SQL. */
  readonly table: string;
  readonly statementTimeoutMs: number;
  /** Where the URL came from, for messages: `REDSHIFT_URL` or the endpoints file path. */
  readonly origin: string;
}

export { DEFAULT_ENDPOINTS_FILE };
const TABLE_NAME = /^([a-z_][a-z0-9_$]{0,126}\.)?[a-z_][a-z0-9_$]{0,126}$/;
const URL_SHAPE = /^postgres(ql)?:\/\/[^\s/]+\/[^\s/?]+/;

/** Reads the posts source; problems go to the reader, so the caller's finish() reports them with the rest. */
export function readPostsSource(reader: ConfigReader): PostsSource {
  const endpointsFile = reader.string('ENDPOINTS_FILE', DEFAULT_ENDPOINTS_FILE);
  const envUrl = reader.string('REDSHIFT_URL');
  const local = envUrl === undefined ? localPostgres(endpointsFile) : undefined;
  if (envUrl === undefined && local === undefined) reader.problem(`REDSHIFT_URL is not set and ${endpointsFile} has no postgres URL (is \`npm start\` running?)`);
  const url = envUrl ?? local?.url ?? '';
  // The URL may carry a password: say what is wrong without echoing it.
  if (url !== '' && !URL_SHAPE.test(url)) reader.problem('REDSHIFT_URL must look like postgres://user[:password]@host:port/database');
  const table = reader.string('REDSHIFT_POSTS_TABLE', local?.table ?? 'public.post_sentiment');
  if (!TABLE_NAME.test(table)) reader.problem(`REDSHIFT_POSTS_TABLE "${table}" must be [schema.]table in lower-case letters, digits and _`);
  const password = reader.string('REDSHIFT_PASSWORD');
  return {
    url, table, ...(password === undefined ? {} : { password }),
    // The local stand-in speaks no TLS; a real cluster gets TLS with verification unless told otherwise.
    tls: { enabled: reader.boolean('REDSHIFT_TLS', envUrl !== undefined), rejectUnauthorized: reader.boolean('REDSHIFT_TLS_REJECT_UNAUTHORIZED', true) },
    statementTimeoutMs: reader.integer('REDSHIFT_STATEMENT_TIMEOUT_MS', 30_000, { min: 1_000 }),
    origin: envUrl === undefined ? endpointsFile : 'REDSHIFT_URL',
  };
}

/** The postgres URL and posts table from an endpoints file, or undefined when the file is absent or has none. */
export function localPostgres(file: string): { url: string; table?: string } | undefined {
  let text: string;
  try { text = fs.readFileSync(file, 'utf8'); } catch { return undefined; }
  let document: unknown;
  try { document = JSON.parse(text); } catch { return undefined; }
  const postgres = (document as { postgres?: { url?: unknown; tables?: unknown } } | null)?.postgres;
  if (typeof postgres?.url !== 'string') return undefined;
  const tables = Array.isArray(postgres.tables) ? postgres.tables.filter((t): t is string => typeof t === 'string') : [];
  const table = tables.find((t) => t.endsWith('post_sentiment'));
  return { url: postgres.url, ...(table === undefined ? {} : { table }) };
}
