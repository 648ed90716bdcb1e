// The Lambda handler's records per second per invocation (null sinks, neutral analyzer) beside the KCL processor's core in the same process.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createLambdaConsumer } from '../consumer/lambda/lambda-consumer';
import { kinesisEvent, kinesisEventRecord } from '../local/lambda/lambda-kinesis-event';
import { NullLogger } from '../common/logger';
import { ShardProcessor } from '../consumer/processor/shard-processor';
import { DryRunSink } from '../consumer/sinks/dry-run-sink';
import { createSentimentAnalyzer } from '../consumer/sentiment/create-sentiment-analyzer';
import { readSentimentConfig } from '../consumer/sentiment/sentiment-config';
import { ConfigReader } from '../common/config/config-reader';
import { seq, tweet, wire } from '../test/support/kcl-actions';
import type { Benchmark } from './bench-section';

const SHARD = 'shardId-000000000000';
const SOURCE = { region: 'us-east-1', streamArn: 'arn:aws:kinesis:us-east-1:000000000000:stream/bench' };

function eventOf(first: number, size: number): ReturnType<typeof kinesisEvent> {
  return kinesisEvent(
    Array.from({ length: size }, (_, i) =>
      kinesisEventRecord(
        {
          shardId: SHARD,
          sequenceNumber: seq(first + i),
          partitionKey: `pk-${first + i}`,
          data: tweet(first + i),
          approximateArrivalTimestampMs: 1_765_000_000_000,
        },
        SOURCE,
      ),
    ),
  );
}

export const benchmark: Benchmark = async ({ quick, progress }) => {
  const total = quick ? 20_000 : 200_000;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lambda-bench-'));
  const consumer = await createLambdaConsumer({
    SINKS: 'none',
    SENTIMENT_ANALYZER: 'neutral',
    LOG_FILE: path.join(dir, 'consumer.log'),
    LOG_LEVEL: 'warn',
    BATCH_MAX_RECORDS: '10000',
  });
  const figures: Record<string, number> = {};
  try {
    for (const batchSize of [100, 1_000, 10_000]) {
      const events = Array.from({ length: total / batchSize }, (_, k) => eventOf(k * batchSize, batchSize));
      await consumer.handler.handle(events[0]);
      const started = process.hrtime.bigint();
      for (let k = 1; k < events.length; k += 1) await consumer.handler.handle(events[k]);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      figures[`handlerRecordsPerSecAtBatch${batchSize}`] = ((events.length - 1) * batchSize) / seconds;
      figures[`invocationMsAtBatch${batchSize}`] = (seconds * 1_000) / (events.length - 1);
      progress(`batch ${batchSize}: ${figures[`handlerRecordsPerSecAtBatch${batchSize}`].toFixed(0)} records/s`);
    }
  } finally {
    await consumer.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  // Baseline: the KCL processor's core in this process, same null sink, analyzer and records, 1,000 per processRecords.
  const processor = new ShardProcessor({
    sinks: [new DryRunSink(new NullLogger())],
    analyzer: createSentimentAnalyzer(
      readSentimentConfig(new ConfigReader('bench', [{ SENTIMENT_ANALYZER: 'neutral' }])),
      {
        logger: new NullLogger(),
      },
    ),
    logger: new NullLogger(),
    batchPolicy: { maxRecords: 10_000, maxBytes: 64 * 1024 * 1024, maxAgeMs: 1_000_000 },
    maxOpenBatches: 2,
    checkpointRetry: { maxAttempts: 3, baseDelayMs: 0, maxDelayMs: 0 },
    retryPolicy: { maxAttempts: 3, baseDelayMs: 0, maxDelayMs: 0 },
  });
  const checkpointer = { checkpoint: async () => ({ ok: true as const }) };
  await processor.initialize({ shardId: SHARD, sequenceNumber: 'TRIM_HORIZON' });
  const calls = Array.from({ length: total / 1_000 }, (_, c) =>
    Array.from({ length: 1_000 }, (_, i) => wire(tweet(c * 1_000 + i), seq(c * 1_000 + i))),
  );
  const started = process.hrtime.bigint();
  for (const records of calls) await processor.processRecords({ records }, checkpointer);
  await processor.shardEnded(checkpointer);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await processor.close();
  const processorRecordsPerSec = total / seconds;
  figures.processorCoreRecordsPerSec = processorRecordsPerSec;
  return {
    section: 'lambda-handler',
    figures,
    ratios: {
      handlerAtBatch100VsProcessorCore: figures.handlerRecordsPerSecAtBatch100 / processorRecordsPerSec,
      handlerAtBatch10000VsProcessorCore: figures.handlerRecordsPerSecAtBatch10000 / processorRecordsPerSec,
    },
    notes: [
      'in-process, SINKS=none (dry-run sink), neutral analyzer, ~200-byte tweets; Lambda default batch 100, maximum 10,000',
      'baseline: ShardProcessor (the KCL child core) in the same process with the same sink, analyzer and records',
    ],
  };
};
