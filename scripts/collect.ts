// `npm run collect`: collects posts carrying a hashtag from X, Instagram, samples or a file into the Kinesis stream.
import * as path from 'node:path';
import { AwsClientFactory } from '../common/aws/client-factory';
import { ConfigError, describeError } from '../common/errors';
import { createWinstonLogger } from '../common/winston-logger';
import { routeWarningsToLog } from './cli-process';
import { parseCli, runCliEntry, type EntryDeps, type ParsedCli } from './cli-entry';
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

function parse(argv: readonly string[], deps: EntryDeps): ParsedCli<CollectorConfig | 'help'> {
  return parseCli(
    COLLECT_USAGE,
    deps,
    () => parseCollectArguments(argv, deps.env, REPO_ROOT),
    (config) => config === 'help',
  );
}

async function main(argv: readonly string[], deps: EntryDeps): Promise<number> {
  const parsed = parse(argv, deps);
  if (parsed.exit !== undefined) return parsed.exit;
  let config = parsed.args as CollectorConfig;
  // An endpoint given by flag or environment is used as given; otherwise the common local-or-cloud rule decides, and
  // locally the arguments are read again over the environment it filled (endpoint, region, stream, dummy keys).
  let local = false;
  if (config.aws.endpoints.kinesis === undefined) {
    const decided = applyLocalOrCloud(deps.env);
    if (decided.target === 'local') {
      local = true;
      const again = parse(argv, deps);
      if (again.exit !== undefined) return again.exit;
      config = again.args as CollectorConfig;
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
      signal: deps.signal,
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

// The collector decides local-or-cloud itself (an endpoint given by flag wins) and logs where --log-file says.
runCliEntry('collect', main, { localOrCloud: false, logFile: false });
