// Test helpers: a ProducerPipeline on a fake clock, and user records whose outcome is captured.
import { NullMetricsSink } from '../../../../common/metrics/metrics-sink';
import { effectiveHashKey } from '../../../../common/kpl/hash-key';
import type { PendingRecord, PutResult } from '../../../../producer/pipeline/pending-record';
import { resolveProducerOptions, type ProducerOptions } from '../../../../producer/producer-options';
import { ProducerPipeline } from '../../../../producer/pipeline/producer-pipeline';
import { ProducerStats } from '../../../../producer/producer-stats';
import { ShardMap } from '../../../../producer/aggregation/shard-map';
import { uniformShards } from '../../../../producer/aggregation/uniform-shards';

export interface Outcome {
  result?: PutResult;
  error?: Error;
}

export interface CapturedRecord {
  readonly pending: PendingRecord;
  readonly outcome: Outcome;
}

export function userRecord(
  partitionKey: string,
  now: number,
  ttlMs = 30_000,
  data = Buffer.from(`data-${partitionKey}`),
): CapturedRecord {
  const outcome: Outcome = {};
  const pending: PendingRecord = {
    partitionKey,
    data,
    hashKey: effectiveHashKey(partitionKey),
    sizeBytes: data.length + Buffer.byteLength(partitionKey),
    arrivedAt: now,
    deadline: now + ttlMs,
    attempts: 0,
    lastErrorCode: undefined,
    resolve: (result) => {
      outcome.result = result;
    },
    reject: (error) => {
      outcome.error = error;
    },
  };
  return { pending, outcome };
}

export function makePipeline(
  options: Partial<ProducerOptions> = {},
  shards = 4,
  random = (): number => 0.5,
): { pipeline: ProducerPipeline; stats: ProducerStats; settled: PendingRecord[] } {
  const stats = new ProducerStats();
  const settled: PendingRecord[] = [];
  const pipeline = new ProducerPipeline({
    options: resolveProducerOptions(options),
    shardMap: new ShardMap(uniformShards(shards)),
    stats,
    metrics: new NullMetricsSink(),
    dimensions: { StreamName: 'test' },
    random,
    onSettled: (user) => settled.push(user),
  });
  return { pipeline, stats, settled };
}
