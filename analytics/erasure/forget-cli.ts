// `npm run forget -- --source <s> (--post-id <id> | --user <name>)`: erases a post or a person from every store.
import { parseArgs } from 'node:util';
import { AwsClientFactory } from '../../common/aws/client-factory';
import type { Source } from '../../common/config/config-reader';
import { ConfigError, describeError } from '../../common/errors';
import type { Logger } from '../../common/logger';
import { PgQueryRunner } from '../../reporting/posts/pg-query-runner';
import { S3BucketStore } from '../curated-bucket';
import { readErasureConfig, type ErasureConfig } from './erasure-config';
import type { ForgetTarget } from './forget-target';
import { forget, type ForgetSummary } from './forget-run';

export const FORGET_EXIT = Object.freeze({ ok: 0, error: 1, usage: 2 });

export const FORGET_USAGE = `usage: forget --source <s> (--post-id <id> | --user <name>) [--dry-run] [--json]
  Erases posts of one source (x, instagram, sample, file) everywhere they are stored: the warehouse's posts table (and
  the dashboard's rollups of their hours), the curated dataset's Parquet objects, the raw archive and the dead letters
  (each object holding them rewritten under its own key, every other line unchanged). Repeat --post-id or --user to
  erase several at once. A rerun finds nothing. Logs and the summary name no id or author: only SHA-256 prefixes.
  --post-id  the post's id as the collector stored it
  --user     the author as the warehouse's user_name holds it (every post of that person)
  --dry-run  count what would be erased; change nothing
  --json     print the summary as JSON
  Settings: the consumer's ARCHIVE_*, CURATED_* and the warehouse's REDSHIFT_URL / REDSHIFT_POSTS_TABLE (locally:
  what \`npm start\` wrote to .local/endpoints.json).
exit codes: 0 done (also when nothing was found), 1 error (rerun: every step is safe to repeat), 2 bad arguments or configuration`;

export interface ForgetCliDeps {
  readonly env: Source;
  readonly print: (text: string) => void;
  readonly printError: (text: string) => void;
  readonly logger: Logger;
}

export async function runForgetCli(argv: readonly string[], deps: ForgetCliDeps): Promise<number> {
  let target: ForgetTarget;
  let options: { dryRun: boolean; json: boolean };
  let config: ErasureConfig;
  try {
    const parsed = parse(argv);
    if (parsed === 'help') {
      deps.print(FORGET_USAGE);
      return FORGET_EXIT.ok;
    }
    ({ target, options } = parsed);
    config = readErasureConfig('forget configuration', deps.env);
  } catch (error: unknown) {
    deps.printError(`${error instanceof ConfigError ? error.message : describeError(error)}\n\n${FORGET_USAGE}`);
    return FORGET_EXIT.usage;
  }
  const session = openStores(config, deps.logger);
  try {
    const summary = await forget(session.stores, layoutOf(config), target, {
      dryRun: options.dryRun,
      progress: (line) => deps.printError(line),
    });
    deps.logger.info('forget done', { ...summary });
    deps.print(options.json ? JSON.stringify(summary) : summaryText(summary));
    return FORGET_EXIT.ok;
  } catch (error: unknown) {
    deps.logger.error('forget failed', { error: describeError(error) });
    deps.printError(`forget failed: ${describeError(error)}`);
    return FORGET_EXIT.error;
  } finally {
    await session.close();
  }
}

/** The stores of the configuration, and how to close them. */
export function openStores(
  config: ErasureConfig,
  logger: Logger,
): { stores: Parameters<typeof forget>[0]; close: () => Promise<void> } {
  const factory = new AwsClientFactory(config.aws);
  const archive = new S3BucketStore(factory.s3(), { bucket: config.archive.bucket, sse: config.archive.sse, logger });
  const curated =
    config.curated.bucket === config.archive.bucket
      ? archive
      : new S3BucketStore(factory.s3(), { bucket: config.curated.bucket, sse: config.curated.sse, logger });
  const warehouse = new PgQueryRunner(config.warehouse, logger);
  return {
    stores: { archive, curated, warehouse },
    close: async () => {
      await warehouse.close();
      factory.destroy();
    },
  };
}

export function layoutOf(config: ErasureConfig): Parameters<typeof forget>[1] {
  return {
    archive: config.archive,
    curated: config.curated,
    postsTable: config.warehouse.table,
    engine: config.warehouse.engine ?? 'postgresql',
  };
}

export function summaryText(summary: ForgetSummary): string {
  const s = (report: ForgetSummary['rawArchive']): string =>
    `${report.recordsRemoved + report.aggregateRecordsEmptied} records in ${report.keys.length} objects` +
    (report.unreadableAggregates > 0 ? ` (${report.unreadableAggregates} unreadable aggregates left as they are)` : '');
  return [
    `${summary.dryRun ? 'would forget' : 'forgot'} ${summary.removed} records`,
    `  warehouse: ${summary.warehouse.rowsRemoved} rows (${summary.warehouse.hoursRebuilt} rollup hours rebuilt)`,
    `  curated dataset: ${s(summary.curated)}`,
    `  raw archive: ${s(summary.rawArchive)}`,
    `  dead letters: ${s(summary.deadLetters)}`,
  ].join('\n');
}

function parse(
  argv: readonly string[],
): 'help' | { target: ForgetTarget; options: { dryRun: boolean; json: boolean } } {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    options: {
      source: { type: 'string' },
      'post-id': { type: 'string', multiple: true },
      user: { type: 'string', multiple: true },
      'dry-run': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) return 'help';
  const all: string[] = [];
  const source = typeof values.source === 'string' ? values.source : undefined;
  if (source === undefined) all.push('--source is required (x, instagram, sample, file)');
  else if (!/^[a-z][a-z0-9_-]{0,15}$/.test(source))
    all.push(`--source "${source}" is not a source name (lower-case, at most 16 characters)`);
  const postIds = values['post-id'] ?? [];
  const users = values.user ?? [];
  if (postIds.length + users.length === 0) all.push('give --post-id <id> or --user <name>');
  if ([...postIds, ...users].some((value) => value.trim() === ''))
    all.push('--post-id and --user need a non-empty value');
  if (all.length > 0 || source === undefined) throw new ConfigError('forget arguments', all);
  return {
    target: { source, postIds: new Set(postIds), users: new Set(users) },
    options: { dryRun: values['dry-run'], json: values.json },
  };
}
