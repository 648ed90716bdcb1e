// `npm run produce`: sends sample tweets, vehicle telematics or a JSONL file/stdin to a Kinesis stream through the aggregating producer.
import * as fs from 'node:fs';
import type { Readable } from 'node:stream';
import { AwsClientFactory } from '../common/aws/client-factory';
import { ConfigError, describeError } from '../common/errors';
import { createWinstonLogger } from '../common/winston-logger';
import { parseProduceArguments, PRODUCE_USAGE, type ProduceConfig } from '../producer/cli/produce-arguments';
import { progressLine, summaryTable } from '../producer/cli/summary-format';
import { readLines } from '../producer/line-source';
import { runProducer } from '../producer/run-producer';
import type { RecordSourceSpec } from '../producer/record-source';

async function main(argv: readonly string[]): Promise<number> {
  let config: ProduceConfig | 'help';
  try {
    config = parseProduceArguments(argv, process.env);
  } catch (error: unknown) {
    process.stderr.write(`${error instanceof ConfigError ? error.message : describeError(error)}\n\n${PRODUCE_USAGE}\n`);
    return 2;
  }
  if (config === 'help') {
    process.stdout.write(`${PRODUCE_USAGE}\n`);
    return 0;
  }
  const factory = new AwsClientFactory(config.aws);
  // Without --log-file only errors are logged, to stderr; stdout carries the summary alone.
  const log = createWinstonLogger({ file: config.logFile, errorsToStderr: true });
  const abort = new AbortController();
  process.once('SIGINT', () => abort.abort());
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
      signal: abort.signal,
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
  if (config.source.kind === 'sample') return { kind: 'sample', sample: config.source.sample, seed: config.source.seed };
  const path = config.source.path;
  const open = (): Readable => (path === '-' ? process.stdin : fs.createReadStream(path, 'utf8'));
  return { kind: 'lines', lines: readLines(open), partitionKeyField: config.partitionKeyField };
}

main(process.argv.slice(2)).then((code) => { process.exitCode = code; }, (error: unknown) => {
  process.stderr.write(`produce failed: ${describeError(error)}\n`);
  process.exitCode = 1;
});
