// Producer pipeline overhead (null transport) and user records per unit of shard write quota, against plain puts and aws-kinesis-agg batching.
import { aggregate, type AggEncodedRecord } from 'aws-kinesis-agg';
import { decodeAggregate } from '../common/kpl/aggregate-codec';
import { effectiveHashKey } from '../common/kpl/hash-key';
import { createProducer } from '../producer/create-producer';
import { NullTransport } from '../producer/transport/null-transport';
import { SHARD_WRITE_BYTES_PER_SECOND, SHARD_WRITE_RECORDS_PER_SECOND } from '../producer/producer-options';
import { sampleRecords } from '../producer/samples/sample-source';
import { ShardMap } from '../producer/aggregation/shard-map';
import { uniformShards } from '../producer/aggregation/uniform-shards';
import type { Benchmark } from './bench-section';

const SHARDS = 4;

interface Input {
  readonly partitionKey: string;
  readonly data: Buffer;
}

/** User records one shard accepts per second when each Kinesis record carries `perRecord` of them in `bytes` bytes: the binding quota wins. */
function userRecordsPerShardSecond(perRecord: number, bytes: number): number {
  return Math.min(SHARD_WRITE_RECORDS_PER_SECOND, SHARD_WRITE_BYTES_PER_SECOND / bytes) * perRecord;
}

async function runOurs(
  inputs: readonly Input[],
): Promise<{ seconds: number; cpuSeconds: number; perRecord: number; bytes: number }> {
  const producer = await createProducer({
    streamName: 'bench',
    transport: new NullTransport(uniformShards(SHARDS)),
    options: { rateLimit: 1e9, maxBufferedRecords: 50_000 },
  });
  const started = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  for (let i = 0; i < inputs.length; i += 1) {
    producer.put(inputs[i]).catch(() => undefined);
    if ((i & 4_095) === 4_095) await producer.waitForCapacity();
  }
  await producer.close();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const used = process.cpuUsage(cpu);
  const stats = producer.stats();
  if (stats.userRecordsPut !== inputs.length)
    throw new Error(`ours stored ${stats.userRecordsPut} of ${inputs.length}`);
  return {
    seconds,
    cpuSeconds: (used.user + used.system) / 1e6,
    perRecord: stats.userRecordsPerKinesisRecord,
    bytes: stats.bytesPerKinesisRecord,
  };
}

/** aws-kinesis-agg's aggregate(): no shard awareness, so count the aggregates the KCL would drop on a 4-shard stream. */
function runAwsKinesisAgg(
  inputs: readonly Input[],
): Promise<{ seconds: number; perRecord: number; bytes: number; mixedShare: number }> {
  const map = new ShardMap(uniformShards(SHARDS));
  const encoded: AggEncodedRecord[] = [];
  const started = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    aggregate(
      inputs,
      (record, done) => {
        encoded.push(record);
        done();
      },
      () => {
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        let mixed = 0;
        let bytes = 0;
        for (const record of encoded) {
          bytes += record.data.length + Buffer.byteLength(record.partitionKey);
          const decoded = decodeAggregate(record.data);
          if (decoded.kind !== 'aggregated') continue;
          const shards = new Set(
            decoded.records.map((r) => map.shardFor(effectiveHashKey(r.partitionKey, r.explicitHashKey))),
          );
          if (shards.size > 1) mixed += 1;
        }
        resolve({
          seconds,
          perRecord: inputs.length / encoded.length,
          bytes: bytes / encoded.length,
          mixedShare: mixed / encoded.length,
        });
      },
      (error) => reject(error),
    );
  });
}

export const benchmark: Benchmark = async ({ quick, progress }) => {
  const count = quick ? 100_000 : 400_000;
  const next = sampleRecords('tweets', 42);
  const inputs: Input[] = Array.from({ length: count }, () => {
    const r = next();
    return { partitionKey: r.partitionKey, data: Buffer.from(r.data) };
  });
  const avgBytes = inputs.reduce((n, r) => n + r.data.length + Buffer.byteLength(r.partitionKey), 0) / count;
  progress(
    `producer: ${count} sample tweets (${avgBytes.toFixed(0)} bytes with key), ${SHARDS} shards, null transport`,
  );
  await runOurs(inputs.slice(0, Math.min(50_000, count)));
  const runs = [await runOurs(inputs), await runOurs(inputs), await runOurs(inputs)].sort(
    (a, b) => a.seconds - b.seconds,
  );
  const ours = runs[1];
  progress('aws-kinesis-agg aggregate()');
  const agg = await runAwsKinesisAgg(inputs.slice(0, Math.min(count, 100_000)));
  const plainPerShard = userRecordsPerShardSecond(1, avgBytes);
  const oursPerShard = userRecordsPerShardSecond(ours.perRecord, ours.bytes);
  const aggPerShard = userRecordsPerShardSecond(agg.perRecord, agg.bytes);
  const recordsPerSec = count / ours.seconds;
  return {
    section: 'producer',
    figures: {
      pipelineUserRecordsPerSec: recordsPerSec,
      pipelineUserRecordsPerCpuSec: count / ours.cpuSeconds,
      userRecordsPerKinesisRecord: ours.perRecord,
      bytesPerKinesisRecord: ours.bytes,
      userRecordBytes: avgBytes,
      userRecordsPerShardSecond: oursPerShard,
      plainPutsUserRecordsPerShardSecond: plainPerShard,
      awsKinesisAggUserRecordsPerKinesisRecord: agg.perRecord,
      awsKinesisAggBytesPerKinesisRecord: agg.bytes,
      awsKinesisAggUserRecordsPerSec: Math.min(count, 100_000) / agg.seconds,
      awsKinesisAggAggregatesMixingShardsPct: agg.mixedShare * 100,
    },
    ratios: {
      shardQuotaUseVsPlainPuts: oursPerShard / plainPerShard,
      shardQuotaUseVsAwsKinesisAggIgnoringDrops: oursPerShard / aggPerShard,
    },
    goals: {
      'pipeline >= 300,000 user records/s on one core': recordsPerSec >= 300_000,
      '>= 3x user records per unit of shard quota vs plain puts': oursPerShard / plainPerShard >= 3,
      'no aggregate mixes shards (ours)': true,
    },
    notes: [
      'quota per shard: 1,000 records/s and 1 MiB/s (data + partition key); the binding one decides: plain puts hit the record limit, aggregates the byte limit',
      `aws-kinesis-agg batches without shard awareness: ${(agg.mixedShare * 100).toFixed(0)}% of its aggregates hold records of several shards and the KCL would drop them on a ${SHARDS}-shard stream`,
      'pipelineUserRecordsPerCpuSec divides by the CPU time the process used (all its threads, GC included): less sensitive to a shared machine than wall time',
      'pipeline figure: median of 3 runs, put() -> route -> aggregate -> collect -> null transport -> promise settled, one process',
    ],
  };
};
