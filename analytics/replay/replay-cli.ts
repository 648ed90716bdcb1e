// `npm run replay -- --from ISO --to ISO [--rescore]`: loads the warehouse again from the raw archive of a period.
import { parseArgs } from 'node:util';
import { AwsClientFactory } from '../../common/aws/client-factory';
import { readAwsSettings, type AwsSettings } from '../../common/aws/aws-settings';
import { ConfigReader, type Source } from '../../common/config/config-reader';
import { ConfigError, describeError } from '../../common/errors';
import type { Logger } from '../../common/logger';
import { createSentimentAnalyzer } from '../../consumer/sentiment/create-sentiment-analyzer';
import { readSentimentConfig, type SentimentConfig } from '../../consumer/sentiment/sentiment-config';
import { createSinks } from '../../consumer/sinks/create-sinks';
import {
  readSinkConfig,
  type ArchiveConfig,
  type CuratedConfig,
  type SinkConfig,
} from '../../consumer/sinks/sink-config';
import type { CuratedRow } from '../../consumer/sinks/curated/curated-tables';
import { S3BucketStore } from '../curated-bucket';
import { readArchivePeriod, type ArchivePeriod } from './archive-period';
import { curatedScores } from './curated-scores';
import { rescoredRows, rewriteCuratedScores } from './curated-rescore';
import { replayBatches, type ReplayBatchCounts } from './replay-batches';

export const REPLAY_EXIT = Object.freeze({ ok: 0, error: 1, usage: 2 });

export const REPLAY_USAGE = `usage: replay --from ISO --to ISO [--rescore] [--batch-size N] [--dry-run] [--json]
  Reads the raw archive's records that reached the stream in [--from, --to), decodes them as the consumer does and
  loads the warehouse again under the same identities (shard, sequence, sub-sequence): rows already right stay as they
  are, lost rows come back, nothing doubles. Posts keep the scores the curated dataset holds for them; --rescore runs
  the analyzer (SENTIMENT_ANALYZER) on every post and replaces the scores in the warehouse and in the curated
  dataset (each Parquet object holding posts of the period rewritten under its own key).
  Settings: the consumer's (ARCHIVE_*, CURATED_*, REDSHIFT_*, SENTIMENT_*).
exit codes: 0 done, 1 error (nothing is half-loaded: each batch is one keyed load), 2 bad arguments or configuration`;

export interface ReplayCliDeps {
  readonly env: Source;
  readonly print: (text: string) => void;
  readonly printError: (text: string) => void;
  readonly logger: Logger;
}

interface ReplayConfig {
  readonly aws: AwsSettings;
  readonly archive: ArchiveConfig;
  readonly curated: CuratedConfig;
  readonly warehouse: SinkConfig;
  readonly sentiment: SentimentConfig;
}

export async function runReplayCli(argv: readonly string[], deps: ReplayCliDeps): Promise<number> {
  let args: ReturnType<typeof parse>;
  let config: ReplayConfig;
  try {
    args = parse(argv);
    if (args.help) {
      deps.print(REPLAY_USAGE);
      return REPLAY_EXIT.ok;
    }
    const reader = new ConfigReader('replay configuration', [
      { ARCHIVE_ENABLED: 'true', CURATED_ENABLED: 'true' },
      deps.env,
    ]);
    const { archive, curated, redshift, retry } = readSinkConfig(reader);
    if (redshift === undefined) reader.problem('replay loads the warehouse: REDSHIFT_ENABLED must not be false');
    config = reader.finish({
      aws: readAwsSettings(reader),
      // Both forced on above: readSinkConfig returns them unless it reported a problem, and finish() throws then.
      archive: archive as ArchiveConfig,
      curated: curated as CuratedConfig,
      warehouse: { redshift, retry },
      sentiment: readSentimentConfig(reader),
    });
  } catch (error: unknown) {
    deps.printError(`${error instanceof ConfigError ? error.message : describeError(error)}\n\n${REPLAY_USAGE}`);
    return REPLAY_EXIT.usage;
  }
  const factory = new AwsClientFactory(config.aws);
  const analyzer = createSentimentAnalyzer(config.sentiment, { aws: factory, logger: deps.logger });
  const [warehouse] = args.dryRun ? [] : createSinks(config.warehouse, factory, deps.logger);
  try {
    const { archive, curated } = config;
    const store = new S3BucketStore(factory.s3(), { bucket: archive.bucket, sse: archive.sse, logger: deps.logger });
    const curatedStore =
      curated.bucket === archive.bucket
        ? store
        : new S3BucketStore(factory.s3(), { bucket: curated.bucket, sse: curated.sse, logger: deps.logger });
    const known = args.rescore ? new Map() : await curatedScores(curatedStore, curated.prefix, args.period);
    let objects = 0;
    const byShard = await readArchivePeriod(store, archive.prefix, args.period, (key, records) => {
      objects += 1;
      deps.printError(`read ${key}: ${records} records in the period`);
    });
    const counts: ReplayBatchCounts = { posts: 0, vehicles: 0, rejected: 0, scoredAgain: 0 };
    let records = 0;
    const rescored = new Map<string, CuratedRow>();
    for (const [shardId, shardRecords] of byShard) {
      records += shardRecords.length;
      for (const batch of await replayBatches(shardId, shardRecords, args.batchSize, analyzer, known, counts)) {
        if (warehouse !== undefined) await warehouse.write(batch);
        if (args.rescore) rescoredRows(batch.posts, rescored);
      }
      deps.printError(`${args.dryRun ? 'would load' : 'loaded'} ${shardId}: ${shardRecords.length} records`);
    }
    // The curated dataset carries the scores too: with --rescore its rows of the period are rewritten to match.
    const curatedRescore =
      args.rescore && !args.dryRun
        ? await rewriteCuratedScores(curatedStore, curated.prefix, args.period, rescored, (key, rows) =>
            deps.printError(`rescored ${key}: ${rows} rows`),
          )
        : { objects: 0, rows: 0 };
    const summary = {
      dryRun: args.dryRun,
      rescore: args.rescore,
      from: new Date(args.period.fromMs).toISOString(),
      to: new Date(args.period.toMs).toISOString(),
      objects,
      shards: byShard.size,
      records,
      ...counts,
      curatedObjectsRescored: curatedRescore.objects,
      curatedRowsRescored: curatedRescore.rows,
      rejectedNote:
        'rejected records stay in the dead letters: npm run redrive -- --reason <reason> loads them after a fix',
    };
    deps.logger.info('replay done', summary);
    deps.print(
      args.json
        ? JSON.stringify(summary)
        : `${args.dryRun ? 'would replay' : 'replayed'} ${records} records from ${objects} archive objects (${byShard.size} shards): ${counts.posts} posts (${counts.scoredAgain} scored again), ${counts.vehicles} vehicle readings, ${counts.rejected} rejected (left in the dead letters)`,
    );
    return REPLAY_EXIT.ok;
  } catch (error: unknown) {
    deps.logger.error('replay failed', { error: describeError(error) });
    deps.printError(`replay failed: ${describeError(error)}`);
    return REPLAY_EXIT.error;
  } finally {
    await warehouse?.close();
    await analyzer.close();
    factory.destroy();
  }
}

function parse(argv: readonly string[]): {
  help: boolean;
  dryRun: boolean;
  json: boolean;
  rescore: boolean;
  batchSize: number;
  period: ArchivePeriod;
} {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    options: {
      from: { type: 'string' },
      to: { type: 'string' },
      rescore: { type: 'boolean', default: false },
      'batch-size': { type: 'string', default: '500' },
      'dry-run': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  const problems: string[] = [];
  const time = (name: string, text: string | undefined): number => {
    const ms = text === undefined ? NaN : Date.parse(text);
    if (!values.help && Number.isNaN(ms)) problems.push(`--${name} must be an ISO time, got "${text ?? ''}"`);
    return ms;
  };
  const fromMs = time('from', values.from);
  const toMs = time('to', values.to);
  if (!Number.isNaN(fromMs) && !Number.isNaN(toMs) && fromMs >= toMs) problems.push('--from must be before --to');
  const batchSize = Number(values['batch-size']);
  if (!Number.isInteger(batchSize) || batchSize < 1) problems.push('--batch-size must be a positive integer');
  if (problems.length > 0) throw new ConfigError('replay arguments', problems);
  return {
    help: values.help,
    dryRun: values['dry-run'],
    json: values.json,
    rescore: values.rescore,
    batchSize,
    period: { fromMs, toMs },
  };
}
