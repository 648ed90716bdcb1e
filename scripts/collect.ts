// `npm run collect`: collects posts carrying a hashtag from X, Instagram, samples or a file into the Kinesis stream.
import * as path from 'node:path';
import { AwsClientFactory } from '../common/aws/client-factory';
import { ConfigError, describeError } from '../common/errors';
import { createWinstonLogger } from '../common/winston-logger';
import { routeWarningsToLog } from './cli-process';
import { isAuthFailure } from '../collector/collector-errors';
import { COLLECT_USAGE, parseCollectArguments, type CollectorConfig } from '../collector/collector-config';
import { HashtagBudgetError, XReadBudgetError } from '../collector/collector-errors';
import { COLLECTOR_METRIC } from '../collector/collector-metrics';
import { PostJournal } from '../collector/journal/post-journal';
import { DIMENSION } from '../common/metrics/metric-names';
import { createMetricsSink } from '../common/metrics/create-metrics-sink';
import { createSource } from '../collector/create-source';
import { SeenIds } from '../collector/dedupe/seen-ids';
import { loadPosition, savePosition } from '../collector/dedupe/seen-ids-file';
import { resolveKinesisTarget } from '../collector/collector-target';
import { progressLine } from '../collector/progress-line';
import { runCollector } from '../collector/run-collector';
import { REPO_ROOT } from '../common/repo-root';
import { applyLocalOrCloud } from '../common/aws/local-or-cloud';
import { localStackFilePath } from '../common/aws/local-stack-file';
import { createProducer } from '../producer';

function parse(argv: readonly string[]): CollectorConfig | 'help' | number {
  try {
    return parseCollectArguments(argv, process.env, REPO_ROOT);
  } catch (error: unknown) {
    process.stderr.write(
      `${error instanceof ConfigError ? error.message : describeError(error)}\n\n${COLLECT_USAGE}\n`,
    );
    return 2;
  }
}

async function main(argv: readonly string[]): Promise<number> {
  let config = parse(argv);
  if (typeof config === 'number') return config;
  if (config === 'help') {
    process.stdout.write(`${COLLECT_USAGE}\n`);
    return 0;
  }
  // An endpoint given by flag or environment is used as given; otherwise the common local-or-cloud rule decides, and
  // locally the arguments are read again over the environment it filled (endpoint, region, stream, dummy keys).
  let local = false;
  if (config.aws.endpoints.kinesis === undefined) {
    const decided = applyLocalOrCloud(process.env);
    if (decided.target === 'local') {
      local = true;
      config = parse(argv);
      if (typeof config === 'number') return config;
      if (config === 'help') return 0;
    }
  }
  let target;
  try {
    target = resolveKinesisTarget(config.streamName, config.aws, local, localStackFilePath(process.env));
  } catch (error: unknown) {
    process.stderr.write(`${describeError(error)}\n`);
    return 2;
  }
  const log = createWinstonLogger({
    file: config.logFile,
    errorsToStderr: true,
    defaultFields: { component: 'collector', source: config.source.kind },
  });
  const logger = log.logger;
  // The SDK's Node-version notice goes to the log, not the operator's terminal.
  routeWarningsToLog(logger);
  const factory = new AwsClientFactory(target.aws);
  const abort = new AbortController();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => abort.abort());
  const seen = new SeenIds(config.dedupeCapacity);
  const position = loadPosition(config.positionFile, seen);
  if (position.problem !== undefined) logger.warn('position file unreadable', { problem: position.problem });
  const positionFile = config.positionFile;
  const metrics = createMetricsSink(config.metrics, { cloudwatch: () => factory.cloudwatch(), logger });
  const dimensions = { [DIMENSION.stream]: target.streamName };
  try {
    const { journal, report } = PostJournal.open(config.journalDir);
    if (report.corruptLines > 0)
      logger.error('journal lines unreadable (skipped)', { file: journal.file, lines: report.corruptLines });
    const producer = await createProducer({
      streamName: target.streamName,
      kinesis: factory.kinesis(),
      logger: logger.child({ component: 'producer' }),
    });
    process.stderr.write(
      `collect: ${config.source.kind} #${config.hashtag} -> stream ${target.streamName}${target.local ? ' (local)' : ''}; ${position.loaded} keys remembered; ${report.unsent} journaled posts to replay\n`,
    );
    const summary = await runCollector({
      source: createSource(config, logger, () => process.stdin, { sink: metrics, dimensions }),
      producer,
      seen,
      journal,
      rejectedFile: path.join(config.journalDir, 'rejected.jsonl'),
      logger,
      durationSeconds: config.durationSeconds,
      signal: abort.signal,
      savePosition: () => savePosition(positionFile, seen),
      onProgress: (progress) => {
        metrics.put({ name: COLLECTOR_METRIC.journalUnsent, value: progress.unsent, unit: 'Count', dimensions });
        process.stderr.write(`${progressLine(progress)}\n`);
      },
      progressIntervalMs: config.progressIntervalMs,
    });
    const result = { source: config.source.kind, hashtag: config.hashtag, stream: target.streamName, ...summary };
    process.stdout.write(config.json ? `${JSON.stringify(result)}\n` : `${progressLine(summary)}\n`);
    if (summary.unsent > 0)
      process.stderr.write(
        `collect: ${summary.unsent} post(s) wait in the journal ${journal.file}: Kinesis has not accepted them yet; the next start sends them\n`,
      );
    return summary.unsent === 0 ? 0 : 1;
  } catch (error: unknown) {
    const refused = isAuthFailure(error) || error instanceof HashtagBudgetError || error instanceof XReadBudgetError;
    process.stderr.write(`collect failed: ${describeError(error)}\n`);
    logger.error('collect failed', { error: describeError(error) });
    return refused ? 3 : error instanceof ConfigError ? 2 : 1;
  } finally {
    await metrics.close();
    factory.destroy();
    await log.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`collect failed: ${describeError(error)}\n`);
    process.exitCode = 1;
  },
);
