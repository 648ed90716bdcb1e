// `npm run compact`: merges each closed hour of the curated dataset into a few large Parquet objects; rerun at will.
import { parseArgs } from 'node:util';
import { AwsClientFactory } from '../../common/aws/client-factory';
import type { Source } from '../../common/config/config-reader';
import { ConfigError, describeError } from '../../common/errors';
import type { Logger } from '../../common/logger';
import { readAnalyticsConfig } from '../analytics-config';
import { S3BucketStore } from '../curated-bucket';
import { compactCurated } from './compact-curated';
import type { HourResult } from './hour-compaction';

export const COMPACT_EXIT = Object.freeze({ ok: 0, error: 1, usage: 2 });

export const COMPACT_USAGE = `usage: compact [--grace-minutes N] [--since ISO] [--max-rows N] [--dry-run] [--json]
  Merges each closed UTC hour of curated/<table>/dt=.../hour=.../ into compacted-*.parquet objects, exactly once.
  --grace-minutes  an hour is closed N minutes after it ends, and objects younger than N minutes wait (default 60)
  --since          only hours from this time on (default: every hour found)
  --max-rows       rows per compacted object (default 1000000)
  --dry-run        say what would be compacted; write and delete nothing
  --json           print the summary as JSON
  Reads ARCHIVE_BUCKET / CURATED_BUCKET, CURATED_PREFIX, CURATED_STATE_PREFIX like the consumer.
exit codes: 0 done (or nothing to do), 1 error, 2 bad arguments or configuration`;

export interface CompactCliDeps {
  readonly env: Source;
  readonly print: (text: string) => void;
  readonly printError: (text: string) => void;
  readonly logger: Logger;
  readonly nowMs?: () => number;
}

export async function runCompactCli(argv: readonly string[], deps: CompactCliDeps): Promise<number> {
  let args: ReturnType<typeof parse>;
  try {
    args = parse(argv);
  } catch (error: unknown) {
    deps.printError(`${error instanceof Error ? error.message : String(error)}\n\n${COMPACT_USAGE}`);
    return COMPACT_EXIT.usage;
  }
  if (args.help) {
    deps.print(COMPACT_USAGE);
    return COMPACT_EXIT.ok;
  }
  let config: ReturnType<typeof readAnalyticsConfig>;
  try {
    config = readAnalyticsConfig(deps.env);
  } catch (error: unknown) {
    deps.printError(error instanceof ConfigError ? error.message : describeError(error));
    return COMPACT_EXIT.usage;
  }
  const factory = new AwsClientFactory(config.aws);
  try {
    const store = new S3BucketStore(factory.s3(), {
      bucket: config.curated.bucket,
      sse: config.curated.sse,
      logger: deps.logger,
    });
    const graceMs = args.graceMinutes * 60_000;
    const results = await compactCurated(
      store,
      {
        prefix: config.curated.prefix,
        statePrefix: config.curated.statePrefix,
        maxRowsPerObject: args.maxRows,
        minObjectAgeMs: graceMs,
        closedAfterMs: graceMs,
        nowMs: (deps.nowMs ?? Date.now)(),
        dryRun: args.dryRun,
        ...(args.sinceMs === undefined ? {} : { sinceMs: args.sinceMs }),
      },
      (result) => {
        if (result.action !== 'skipped') deps.printError(progressLine(result));
        deps.logger.info('compaction hour', { ...result });
      },
    );
    const summary = summarise(results, args.dryRun);
    deps.print(args.json ? JSON.stringify(summary) : summaryText(summary));
    return COMPACT_EXIT.ok;
  } catch (error: unknown) {
    deps.logger.error('compaction failed', { error: describeError(error) });
    deps.printError(`compact failed: ${describeError(error)}`);
    return COMPACT_EXIT.error;
  } finally {
    factory.destroy();
  }
}

function parse(argv: readonly string[]): {
  help: boolean;
  dryRun: boolean;
  json: boolean;
  graceMinutes: number;
  maxRows: number;
  sinceMs?: number;
} {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    options: {
      'grace-minutes': { type: 'string', default: '60' },
      since: { type: 'string' },
      'max-rows': { type: 'string', default: '1000000' },
      'dry-run': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  const problems: string[] = [];
  const integer = (name: string, text: string, min: number): number => {
    const value = Number(text);
    if (!Number.isInteger(value) || value < min) problems.push(`--${name} must be an integer >= ${min}, got "${text}"`);
    return value;
  };
  const graceMinutes = integer('grace-minutes', values['grace-minutes'], 0);
  const maxRows = integer('max-rows', values['max-rows'], 1);
  const sinceMs = values.since === undefined ? undefined : Date.parse(values.since);
  if (sinceMs !== undefined && Number.isNaN(sinceMs))
    problems.push(`--since must be an ISO time, got "${values.since}"`);
  if (problems.length > 0) throw new ConfigError('compact arguments', problems);
  return {
    help: values.help,
    dryRun: values['dry-run'],
    json: values.json,
    graceMinutes,
    maxRows,
    ...(sinceMs === undefined ? {} : { sinceMs }),
  };
}

function progressLine(result: HourResult): string {
  return `${result.action} ${result.folder}: ${result.inputs} objects -> ${result.outputs}, ${result.rows} rows${
    result.duplicatesDropped > 0 ? `, ${result.duplicatesDropped} duplicate rows dropped` : ''
  }`;
}

interface CompactionSummary {
  readonly dryRun: boolean;
  readonly hoursSeen: number;
  readonly hoursCompacted: number;
  readonly objectsIn: number;
  readonly objectsOut: number;
  readonly rows: number;
  readonly duplicatesDropped: number;
  readonly hours: readonly HourResult[];
}

function summarise(results: readonly HourResult[], dryRun: boolean): CompactionSummary {
  const acted = results.filter((result) => result.action !== 'skipped');
  const sum = (pick: (result: HourResult) => number): number => acted.reduce((total, r) => total + pick(r), 0);
  return {
    dryRun,
    hoursSeen: results.length,
    hoursCompacted: acted.length,
    objectsIn: sum((r) => r.inputs),
    objectsOut: sum((r) => r.outputs),
    rows: sum((r) => r.rows),
    duplicatesDropped: sum((r) => r.duplicatesDropped),
    hours: acted,
  };
}

function summaryText(summary: CompactionSummary): string {
  const verb = summary.dryRun ? 'would compact' : 'compacted';
  return `${verb} ${summary.hoursCompacted} of ${summary.hoursSeen} closed hours: ${summary.objectsIn} objects -> ${summary.objectsOut}, ${summary.rows} rows, ${summary.duplicatesDropped} duplicates dropped`;
}
