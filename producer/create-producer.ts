// Builds a KinesisProducer for a stream: validates options, loads the shard map (ListShards), wires transport, metrics and logger.
import type { KinesisClient } from '@aws-sdk/client-kinesis';
import type { Logger } from '../common/logger';
import type { MetricsSink } from '../common/metrics/metrics-sink';
import { ConfigError } from '../common/errors';
import { KinesisProducer, type Clock } from './kinesis-producer';
import { KinesisTransport } from './transport/kinesis-transport';
import { resolveProducerOptions, type ProducerOptions } from './producer-options';
import type { PutRecordsTransport } from './transport/put-records-transport';
import { ShardMap } from './aggregation/shard-map';

export interface CreateProducerParams {
  readonly streamName?: string;
  readonly streamARN?: string;
  /** The SDK client (from AwsClientFactory); not needed when `transport` is given. */
  readonly kinesis?: KinesisClient;
  /** Replaces the SDK transport (benchmarks, tests). */
  readonly transport?: PutRecordsTransport;
  readonly options?: Partial<ProducerOptions>;
  readonly metrics?: MetricsSink;
  readonly logger?: Logger;
  readonly clock?: Clock;
  readonly random?: () => number;
}

/** Validates everything at once (ConfigError), then lists the stream's shards and returns a ready producer. */
export async function createProducer(params: CreateProducerParams): Promise<KinesisProducer> {
  const problems: string[] = [];
  if (params.streamName === undefined && params.streamARN === undefined)
    problems.push('streamName or streamARN is required');
  if (params.kinesis === undefined && params.transport === undefined)
    problems.push('a kinesis client (or a transport) is required');
  let options: ProducerOptions | undefined;
  try {
    options = resolveProducerOptions(params.options);
  } catch (error: unknown) {
    if (error instanceof ConfigError) problems.push(...error.problems);
    else throw error;
  }
  if (problems.length > 0 || options === undefined) throw new ConfigError('producer', problems);
  const streamName = params.streamName ?? params.streamARN?.split('/').pop() ?? '';
  const transport =
    params.transport ??
    new KinesisTransport(params.kinesis as KinesisClient, {
      streamName: params.streamName,
      streamARN: params.streamARN,
    });
  const shardMap = new ShardMap(await transport.listShards());
  return new KinesisProducer({
    transport,
    options,
    shardMap,
    streamName,
    metrics: params.metrics,
    logger: params.logger,
    clock: params.clock,
    random: params.random,
  });
}
