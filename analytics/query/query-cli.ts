// `npm run query -- "<SQL>"`: DuckDB over a local mirror of the raw archive, the dead letters and the curated dataset.
import { DuckDBInstance } from '@duckdb/node-api';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { AwsClientFactory } from '../../common/aws/client-factory';
import type { Source } from '../../common/config/config-reader';
import { ConfigError, describeError } from '../../common/errors';
import type { Logger } from '../../common/logger';
import { readAnalyticsConfig, type AnalyticsConfig } from '../analytics-config';
import { S3BucketStore } from '../curated-bucket';
import { mirrorPrefixes } from './bucket-mirror';
import { viewStatements } from './duckdb-views';
import { formatResult, RESULT_FORMATS, type QueryResult, type ResultFormat } from './result-format';

export const QUERY_EXIT = Object.freeze({ ok: 0, error: 1, usage: 2 });

export const QUERY_USAGE = `usage: query "<SQL>" [--format table|csv|json] [--mirror-dir DIR]
  Runs DuckDB SQL over the tables analysts query in Athena:
    posts, vehicle_readings   the curated Parquet dataset (the warehouse's columns; partitions dt, hour)
    raw_records               the raw archive, one row per record (partition hour = YYYY/MM/DD/HH)
    dead_letters              rejected records with reason and detail (partitions hour, reason_folder)
  The objects are mirrored first into --mirror-dir (default .local/query-mirror/<bucket>): only new or changed ones
  are downloaded. With \`npm start\` running, no settings are needed; otherwise ARCHIVE_BUCKET and the usual AWS ones.
exit codes: 0 answered, 1 the query or S3 failed, 2 bad arguments or configuration`;

export interface QueryCliDeps {
  readonly env: Source;
  readonly print: (text: string) => void;
  readonly printError: (text: string) => void;
  readonly logger: Logger;
}

export async function runQueryCli(argv: readonly string[], deps: QueryCliDeps): Promise<number> {
  let args: { sql: string; format: ResultFormat; mirrorDir?: string; help: boolean };
  try {
    args = parse(argv);
  } catch (error: unknown) {
    deps.printError(`${error instanceof Error ? error.message : String(error)}\n\n${QUERY_USAGE}`);
    return QUERY_EXIT.usage;
  }
  if (args.help) {
    deps.print(QUERY_USAGE);
    return QUERY_EXIT.ok;
  }
  let config: AnalyticsConfig;
  try {
    config = readAnalyticsConfig(deps.env);
  } catch (error: unknown) {
    deps.printError(error instanceof ConfigError ? error.message : describeError(error));
    return QUERY_EXIT.usage;
  }
  const factory = new AwsClientFactory(config.aws);
  try {
    const root = args.mirrorDir ?? path.join('.local', 'query-mirror', config.archive.bucket);
    await mirror(config, factory, root, deps);
    const result = await runSql(
      viewStatements({
        root,
        rawPrefix: config.archive.prefix,
        errorPrefix: config.archive.errorPrefix,
        curatedPrefix: config.curated.prefix,
      }),
      args.sql,
    );
    deps.print(formatResult(result, args.format));
    return QUERY_EXIT.ok;
  } catch (error: unknown) {
    deps.logger.error('query failed', { error: describeError(error) });
    deps.printError(`query failed: ${describeError(error)}`);
    return QUERY_EXIT.error;
  } finally {
    factory.destroy();
  }
}

/** Runs the view statements, then the query, in a fresh in-memory database (nothing is kept between runs). */
export async function runSql(views: readonly string[], sql: string): Promise<QueryResult> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    for (const view of views) await connection.run(view);
    const reader = await connection.runAndReadAll(sql);
    return { columns: reader.columnNames(), rows: reader.getRowsJson() };
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

async function mirror(
  config: AnalyticsConfig,
  factory: AwsClientFactory,
  root: string,
  deps: QueryCliDeps,
): Promise<void> {
  const buckets = new Map<string, string[]>();
  const add = (bucket: string, prefix: string): void => {
    buckets.set(bucket, [...(buckets.get(bucket) ?? []), `${prefix.replace(/\/+$/, '')}/`]);
  };
  add(config.archive.bucket, config.archive.prefix);
  add(config.archive.bucket, config.archive.errorPrefix);
  add(config.curated.bucket, config.curated.prefix);
  for (const [bucket, prefixes] of buckets) {
    const store = new S3BucketStore(factory.s3(), { bucket, sse: { mode: 'none' }, logger: deps.logger });
    let shown = 0;
    const result = await mirrorPrefixes(store, prefixes, root, (done, total) => {
      if (total >= 200 && (done === total || done - shown >= 500)) {
        shown = done;
        deps.printError(`mirroring s3://${bucket}: ${done}/${total} objects`);
      }
    });
    deps.logger.info('mirrored', { bucket, prefixes, ...result });
  }
}

function parse(argv: readonly string[]): { sql: string; format: ResultFormat; mirrorDir?: string; help: boolean } {
  const { values, positionals } = parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: true,
    options: {
      format: { type: 'string', default: 'table' },
      'mirror-dir': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  const problems: string[] = [];
  const format = values.format as ResultFormat;
  if (!RESULT_FORMATS.includes(format)) problems.push(`--format must be one of ${RESULT_FORMATS.join(', ')}`);
  if (!values.help && positionals.length !== 1) problems.push('give exactly one SQL statement, quoted');
  if (problems.length > 0) throw new ConfigError('query arguments', problems);
  return {
    sql: positionals[0] ?? '',
    format,
    help: values.help,
    ...(values['mirror-dir'] === undefined ? {} : { mirrorDir: values['mirror-dir'] }),
  };
}
