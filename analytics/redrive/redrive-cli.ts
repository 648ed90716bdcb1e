// `npm run redrive -- --reason <reason> [--from ISO] [--to ISO]` (and `--lambda-failures <queue-url>`): records that failed once, through decode and the sinks again.
import { parseArgs } from 'node:util';
import { AwsClientFactory } from '../../common/aws/client-factory';
import { readAwsSettings, type AwsSettings } from '../../common/aws/aws-settings';
import { ConfigReader, type Source } from '../../common/config/config-reader';
import { ConfigError, describeError } from '../../common/errors';
import type { Logger } from '../../common/logger';
import { CONSUMER_SETTINGS } from '../../consumer/config/consumer-settings';
import { createSentimentAnalyzer } from '../../consumer/sentiment/create-sentiment-analyzer';
import { NeutralAnalyzer } from '../../consumer/sentiment/neutral-analyzer';
import { readSentimentConfig, type SentimentConfig } from '../../consumer/sentiment/sentiment-config';
import { createSinks } from '../../consumer/sinks/create-sinks';
import { readSinkConfig, type ArchiveConfig, type SinkConfig } from '../../consumer/sinks/sink-config';
import type { Sink } from '../../consumer/sinks/sink';
import { S3BucketStore } from '../curated-bucket';
import { REJECTION_REASONS } from '../rejection-reasons';
import type { ArchivePeriod } from '../replay/archive-period';
import { CuratedLateRows } from './curated-late-rows';
import { redriveDeadLetters } from './dead-letter-redrive';
import { redriveLambdaFailures, SqsFailureQueue } from './lambda-failure-redrive';
import type { RedriveCoreDeps } from './redrive-core';
import { RedriveLedger } from './redrive-ledger';
import type { RedriveCounts } from './redrive-summary';

export const REDRIVE_EXIT = Object.freeze({ ok: 0, error: 1, usage: 2, failedAgain: 3 });

export const REDRIVE_USAGE = `usage: redrive --reason REASON [--from ISO] [--to ISO] [--dry-run] [--json]
       redrive --lambda-failures QUEUE_URL [--max-messages N] [--dry-run] [--json]
  --reason: sends the dead letters of REASON (arrived in [--from, --to) when given) through the consumer's decode,
    scoring and sinks again, after a fix (a decoder release, a larger MAX_RECORD_BYTES, a widened column). Records
    keep their identities (shard, sequence, sub-sequence), so a sink holding a row keeps it once. Each redriven letter
    is marked in the redrive ledger (ARCHIVE_STATE_PREFIX/redrive/): a rerun redrives nothing twice. A letter that
    fails again stays, its new reason in the ledger, and is tried again by the next run.
    Reasons: ${REJECTION_REASONS.join(', ')}.
  --lambda-failures: reads the on-failure queue of the Lambda consumer (-c consumerMode=lambda): each message names a
    shard's failed sequence range; those records are read from the stream again, through the same path (raw archive
    and dead letters included), and the message is deleted only once every sink holds them.
  --dry-run decodes and reports, writes nothing (no sink, no ledger, no message deleted) and scores nothing.
  Progress on stderr; the summary on stdout (--json: one JSON object).
  Settings: the consumer's (ARCHIVE_*, CURATED_*, REDSHIFT_*, SENTIMENT_*, MAX_RECORD_BYTES, KINESIS_STREAM_NAME).
exit codes: 0 done, 1 error (what was not marked is redriven by the next run), 2 bad arguments or configuration,
  3 done but some records failed again (they stay; see failedAgainByReason)`;

export interface RedriveCliDeps {
  readonly env: Source;
  readonly print: (text: string) => void;
  readonly printError: (text: string) => void;
  readonly logger: Logger;
}

interface RedriveArgs {
  readonly help: boolean;
  readonly dryRun: boolean;
  readonly json: boolean;
  readonly reason?: string;
  readonly lambdaFailures?: string;
  readonly maxMessages: number;
  readonly period?: ArchivePeriod;
}

interface RedriveConfig {
  readonly aws: AwsSettings;
  readonly archive: ArchiveConfig;
  readonly sinks: SinkConfig;
  readonly sentiment: SentimentConfig;
  readonly maxRecordBytes: number;
}

export async function runRedriveCli(argv: readonly string[], deps: RedriveCliDeps): Promise<number> {
  let args: RedriveArgs;
  let config: RedriveConfig;
  try {
    args = parse(argv);
    if (args.help) {
      deps.print(REDRIVE_USAGE);
      return REDRIVE_EXIT.ok;
    }
    const reader = new ConfigReader('redrive configuration', [{ ARCHIVE_ENABLED: 'true' }, deps.env]);
    const sinks = readSinkConfig(reader);
    config = reader.finish({
      aws: readAwsSettings(reader),
      // Forced on above: readSinkConfig returns it unless it reported a problem, and finish() throws then.
      archive: sinks.archive as ArchiveConfig,
      sinks,
      sentiment: readSentimentConfig(reader),
      maxRecordBytes: reader.integer(
        CONSUMER_SETTINGS.maxRecordBytes.variable,
        CONSUMER_SETTINGS.maxRecordBytes.default,
        {
          min: 1,
        },
      ),
    });
  } catch (error: unknown) {
    deps.printError(`${error instanceof ConfigError ? error.message : describeError(error)}\n\n${REDRIVE_USAGE}`);
    return REDRIVE_EXIT.usage;
  }
  const factory = new AwsClientFactory(config.aws);
  // A dry run decides nothing by scores (a sentiment failure never rejects a record): it does not call (or pay) Comprehend.
  const analyzer = args.dryRun
    ? new NeutralAnalyzer()
    : createSentimentAnalyzer(config.sentiment, { aws: factory, logger: deps.logger });
  const { archive, sinks: sinkConfig } = config;
  const store = new S3BucketStore(factory.s3(), { bucket: archive.bucket, sse: archive.sse, logger: deps.logger });
  const sinks: Sink[] = args.dryRun
    ? []
    : [
        ...createSinks({ redshift: sinkConfig.redshift, retry: sinkConfig.retry }, factory, deps.logger),
        ...(sinkConfig.curated === undefined
          ? []
          : [
              new CuratedLateRows(
                sinkConfig.curated.bucket === archive.bucket
                  ? store
                  : new S3BucketStore(factory.s3(), {
                      bucket: sinkConfig.curated.bucket,
                      sse: sinkConfig.curated.sse,
                      logger: deps.logger,
                    }),
                sinkConfig.curated.prefix,
              ),
            ]),
      ];
  const core: RedriveCoreDeps = {
    sinks,
    analyzer,
    logger: deps.logger,
    limits: { maxRecordBytes: config.maxRecordBytes },
  };
  try {
    let counts: RedriveCounts;
    let subject: Record<string, unknown>;
    if (args.reason !== undefined) {
      subject = {
        reason: args.reason,
        from: args.period === undefined ? null : new Date(args.period.fromMs).toISOString(),
        to: args.period === undefined ? null : new Date(args.period.toMs).toISOString(),
      };
      counts = await redriveDeadLetters(store, new RedriveLedger(store, archive.statePrefix), core, {
        errorPrefix: archive.errorPrefix,
        reason: args.reason,
        ...(args.period === undefined ? {} : { period: args.period }),
        dryRun: args.dryRun,
        progress: deps.printError,
      });
    } else {
      const queueUrl = args.lambdaFailures ?? '';
      subject = { lambdaFailures: queueUrl };
      counts = await redriveLambdaFailures(new SqsFailureQueue(factory.sqs(), queueUrl), factory.kinesis(), core, {
        archive: { store, prefix: archive.prefix, errorPrefix: archive.errorPrefix, gzip: archive.gzip },
        maxMessages: args.maxMessages,
        dryRun: args.dryRun,
        progress: deps.printError,
      });
    }
    const summary = { dryRun: args.dryRun, ...subject, ...counts };
    deps.logger.info('redrive done', summary);
    deps.print(args.json ? JSON.stringify(summary) : describe(counts, args.dryRun));
    return counts.failedAgain > 0 ? REDRIVE_EXIT.failedAgain : REDRIVE_EXIT.ok;
  } catch (error: unknown) {
    deps.logger.error('redrive failed', { error: describeError(error) });
    deps.printError(`redrive failed: ${describeError(error)}`);
    return REDRIVE_EXIT.error;
  } finally {
    await Promise.all(sinks.map((sink) => sink.close()));
    await analyzer.close();
    factory.destroy();
  }
}

function describe(counts: RedriveCounts, dryRun: boolean): string {
  const again = Object.entries(counts.failedAgainByReason)
    .map(([reason, n]) => `${n} ${reason}`)
    .join(', ');
  return (
    `${dryRun ? 'would redrive' : 'redrove'} ${counts.redriven} of ${counts.records} records from ${counts.objects} ` +
    `${counts.objects === 1 ? 'source' : 'sources'} (${counts.posts} posts, ${counts.vehicles} vehicle readings); ` +
    `${counts.alreadyRedriven} redriven before; ${counts.failedAgain} failed again${again === '' ? '' : ` (${again})`}`
  );
}

function parse(argv: readonly string[]): RedriveArgs {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    options: {
      reason: { type: 'string' },
      'lambda-failures': { type: 'string' },
      'max-messages': { type: 'string', default: '100' },
      from: { type: 'string' },
      to: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  const problems: string[] = [];
  const base = { help: values.help, dryRun: values['dry-run'], json: values.json };
  if (values.help) return { ...base, maxMessages: 0 };
  const reason = values.reason;
  const queue = values['lambda-failures'];
  if ((reason === undefined) === (queue === undefined))
    problems.push('give exactly one of --reason or --lambda-failures');
  if (reason !== undefined && !(REJECTION_REASONS as readonly string[]).includes(reason))
    problems.push(`--reason must be one of ${REJECTION_REASONS.join(', ')}, got "${reason}"`);
  if (queue !== undefined && !/^https?:\/\/\S+$/.test(queue))
    problems.push('--lambda-failures must be an SQS queue URL');
  if (queue !== undefined && (values.from !== undefined || values.to !== undefined))
    problems.push('--from/--to apply to --reason only (a failure message names its own range)');
  const time = (name: string, text: string | undefined, fallback: number): number => {
    if (text === undefined) return fallback;
    const ms = Date.parse(text);
    if (Number.isNaN(ms)) problems.push(`--${name} must be an ISO time, got "${text}"`);
    return ms;
  };
  const fromMs = time('from', values.from, 0);
  const toMs = time('to', values.to, 8.64e15);
  if (!Number.isNaN(fromMs) && !Number.isNaN(toMs) && fromMs >= toMs) problems.push('--from must be before --to');
  const maxMessages = Number(values['max-messages']);
  if (!Number.isInteger(maxMessages) || maxMessages < 1) problems.push('--max-messages must be a positive integer');
  if (problems.length > 0) throw new ConfigError('redrive arguments', problems);
  const hasPeriod = values.from !== undefined || values.to !== undefined;
  return {
    ...base,
    ...(reason === undefined ? {} : { reason }),
    ...(queue === undefined ? {} : { lambdaFailures: queue }),
    maxMessages,
    ...(hasPeriod ? { period: { fromMs, toMs } } : {}),
  };
}
