// `npm run produce`: sends sample tweets, vehicle telematics or a JSONL file/stdin to a Kinesis stream through the aggregating producer.
import * as fs from 'node:fs';
import type { Readable } from 'node:stream';
import { AwsClientFactory } from '../common/aws/client-factory';
import { ConfigError, describeError } from '../common/errors';
import { createWinstonLogger } from '../common/winston-logger';
import { parseProduceArguments, PRODUCE_USAGE, type ProduceConfig } from '../producer/cli/produce-arguments';
import { progressLine, summaryTable } from '../producer/cli/summary-format';
import { readLines } from '../producer/cli/line-source';
import { runProducer } from '../producer/cli/run-producer';
import type { RecordSourceSpec } from '../producer/cli/record-source';
import { prepareCliProcess, routeWarningsToLog } from './cli-process';
import { parseCli, runCliEntry, type EntryDeps } from './cli-entry';

/** Where the producer logs (and process warnings go) without --log-file. */
const DEFAULT_LOG_FILE = '.local/logs/produce.log';

async function main(argv: readonly string[], deps: EntryDeps): Promise<number> {
  // --endpoint configures Kinesis explicitly: then the local stack is not guessed.
  if (!argv.some((a) => a === '--endpoint' || a.startsWith('--endpoint=')))
    prepareCliProcess(deps.logger, deps.printError);
  const parsed = parseCli(
    PRODUCE_USAGE,
    deps,
    () => parseProduceArguments(argv, deps.env),
    (config) => config === 'help',
  );
  if (parsed.exit !== undefined) return parsed.exit;
  const config = parsed.args as ProduceConfig;
  // The log goes to --log-file or .local/logs/produce.log, errors to stderr as well; stdout carries the summary alone.
  const log = createWinstonLogger({ file: config.logFile ?? DEFAULT_LOG_FILE, errorsToStderr: true });
  routeWarningsToLog(log.logger);
  const factory = new AwsClientFactory(config.aws);
  try {
    const summary = await runProducer({
      source: openSource(config),
      streamName: config.streamName,
      kinesis: factory.kinesis(),
      ratePerSecond: config.ratePerSecond,
      count: config.count,
      durationSeconds: config.durationSeconds,
      logger: log.logger,
      onProgress: (progress) => process.stderr.write(`${progressLine(progress)}\n`),
      signal: deps.signal,
    });
    process.stdout.write(config.json ? `${JSON.stringify(summary)}\n` : `${summaryTable(summary)}\n`);
    return summary.failed === 0 ? 0 : 1;
  } catch (error: unknown) {
    process.stderr.write(`produce failed: ${describeError(error)}\n`);
    return error instanceof ConfigError ? 2 : 1;
  } finally {
    factory.destroy();
    await log.close();
  }
}

function openSource(config: ProduceConfig): RecordSourceSpec {
  if (config.source.kind === 'sample')
    return { kind: 'sample', sample: config.source.sample, seed: config.source.seed };
  const path = config.source.path;
  const open = (): Readable => (path === '-' ? process.stdin : fs.createReadStream(path, 'utf8'));
  return { kind: 'lines', lines: readLines(open), partitionKeyField: config.partitionKeyField };
}

// Until --log-file is read, the entry's log (.local/logs/produce.log) takes warnings; local-or-cloud waits for the flags.
runCliEntry('produce', main, { localOrCloud: false, logFile: DEFAULT_LOG_FILE });
