// Creates a Kinesis stream when missing and waits for ACTIVE; lists its open shards with their hash ranges.
import {
  CreateStreamCommand,
  DescribeStreamSummaryCommand,
  ResourceNotFoundException,
  type KinesisClient,
} from '@aws-sdk/client-kinesis';
import { listAllShards } from '../../common/aws/list-all-shards';
import { sleep } from '../../common/sleep';
import type { SeedShard } from '../../common/kcl-lease/new-lease-item';

/** Returns true when it created the stream, false when it already existed (its shard count is left as it is). */
export async function ensureStream(
  client: KinesisClient,
  streamName: string,
  shardCount: number,
  timeoutMs = 60_000,
): Promise<boolean> {
  let created = false;
  try {
    await client.send(new DescribeStreamSummaryCommand({ StreamName: streamName }));
  } catch (error: unknown) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
    await client.send(new CreateStreamCommand({ StreamName: streamName, ShardCount: shardCount }));
    created = true;
  }
  await waitForActive(client, streamName, timeoutMs);
  return created;
}

export async function waitForActive(client: KinesisClient, streamName: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const out = await client.send(new DescribeStreamSummaryCommand({ StreamName: streamName }));
    if (out.StreamDescriptionSummary?.StreamStatus === 'ACTIVE') return;
    if (Date.now() > deadline) throw new Error(`stream ${streamName} not ACTIVE within ${timeoutMs} ms`);
    await sleep(100);
  }
}

/** Open shards (no ending sequence number) in the shape the lease seeder wants. */
export async function openShardsForSeeding(client: KinesisClient, streamName: string): Promise<SeedShard[]> {
  return (await listAllShards(client, streamName))
    .filter((shard) => shard.SequenceNumberRange?.EndingSequenceNumber === undefined)
    .map((shard) => ({
      shardId: shard.ShardId ?? '',
      startingHashKey: shard.HashKeyRange?.StartingHashKey ?? '0',
      endingHashKey: shard.HashKeyRange?.EndingHashKey ?? '0',
    }));
}
