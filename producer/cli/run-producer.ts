// Sends sample data or JSONL lines through the producer at a target rate, for a count or a duration; the CLI and the local pipeline call it.
import type { KinesisClient } from '@aws-sdk/client-kinesis';
import type { Logger } from '../../common/logger';
import { sleep } from '../../common/sleep';
import type { MetricsSink } from '../../common/metrics/metrics-sink';
import { createProducer } from '../create-producer';
import type { ProducerOptions } from '../producer-options';
import type { ProducerStatsSnapshot } from '../producer-stats';
import type { PutRecordsTransport } from '../transport/put-records-transport';
import { recordSource, type RecordSourceSpec } from './record-source';

export interface RunProducerOptions {
  readonly source: RecordSourceSpec;
  readonly streamName?: string;
  readonly streamARN?: string;
  readonly kinesis?: KinesisClient;
  readonly transport?: PutRecordsTransport;
  /** User records per second; undefined sends as fast as the producer accepts them. */
  readonly ratePerSecond?: number;
  /** Stop after this many records, or after this many seconds, or when the source ends (whichever first). */
  readonly count?: number;
  readonly durationSeconds?: number;
  readonly producerOptions?: Partial<ProducerOptions>;
  readonly metrics?: MetricsSink;
  readonly logger?: Logger;
  /** Called about once a second while sending. */
  readonly onProgress?: (progress: RunProgress) => void;
  readonly signal?: AbortSignal;
}

export interface RunProgress {
  readonly elapsedMs: number;
  readonly sent: number;
  readonly succeeded: number;
  readonly failed: number;
  readonly stats: ProducerStatsSnapshot;
}

export interface RunSummary extends RunProgress {
  readonly recordsPerSecond: number;
  /** Failures by error code (RECORD_EXPIRED, RECORD_REJECTED, INVALID_USER_RECORD, ...). */
  readonly failuresByCode: Readonly<Record<string, number>>;
}

const PROGRESS_INTERVAL_MS = 1_000;

export async function runProducer(options: RunProducerOptions): Promise<RunSummary> {
  const producer = await createProducer({
    streamName: options.streamName,
    streamARN: options.streamARN,
    kinesis: options.kinesis,
    transport: options.transport,
    options: options.producerOptions,
    metrics: options.metrics,
    logger: options.logger,
  });
  const started = Date.now();
  const limit = options.count ?? Infinity;
  const endAt = options.durationSeconds === undefined ? Infinity : started + options.durationSeconds * 1_000;
  let sent = 0;
  let succeeded = 0;
  let failed = 0;
  const failuresByCode: Record<string, number> = {};
  const progress = (): RunProgress => ({
    elapsedMs: Date.now() - started,
    sent,
    succeeded,
    failed,
    stats: producer.stats(),
  });
  const ticker =
    options.onProgress === undefined
      ? undefined
      : setInterval(() => options.onProgress?.(progress()), PROGRESS_INTERVAL_MS);
  try {
    for await (const record of recordSource(options.source)) {
      if (sent >= limit || Date.now() >= endAt || options.signal?.aborted === true) break;
      if (options.ratePerSecond !== undefined) await pace(started, sent, options.ratePerSecond);
      await producer.waitForCapacity();
      sent += 1;
      producer.put(record).then(
        () => {
          succeeded += 1;
        },
        (error: unknown) => {
          failed += 1;
          const code =
            typeof (error as { code?: unknown }).code === 'string' ? (error as { code: string }).code : 'UNKNOWN';
          failuresByCode[code] = (failuresByCode[code] ?? 0) + 1;
        },
      );
      // Let results and timers run now and then when nothing else yields.
      if (sent % 1_000 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    await producer.close();
    await new Promise((resolve) => setImmediate(resolve));
  } finally {
    if (ticker !== undefined) clearInterval(ticker);
  }
  const final = progress();
  return {
    ...final,
    recordsPerSecond: final.elapsedMs === 0 ? 0 : (final.sent * 1_000) / final.elapsedMs,
    failuresByCode,
  };
}

/** Sleeps until record number `sent` is due at `ratePerSecond` (sleeping in >= 5 ms steps). */
async function pace(started: number, sent: number, ratePerSecond: number): Promise<void> {
  const dueAt = started + (sent * 1_000) / ratePerSecond;
  const wait = dueAt - Date.now();
  if (wait >= 5) await sleep(wait);
}
