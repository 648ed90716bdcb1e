// Reads every record of every shard (parents and children) from TRIM_HORIZON and de-aggregates like the KCL does.
import { GetRecordsCommand, GetShardIteratorCommand, type KinesisClient, type _Record } from '@aws-sdk/client-kinesis';
import { decodeAggregate } from '../../common/kpl/aggregate-codec';
import { effectiveHashKey } from '../../common/kpl/hash-key';
import { listAllShards } from '../../common/aws/list-all-shards';

export interface ReadUserRecord {
  readonly shardId: string;
  readonly sequenceNumber: string;
  readonly subSequenceNumber?: number;
  readonly partitionKey: string;
  readonly data: Buffer;
}

export interface StreamContents {
  readonly userRecords: ReadUserRecord[];
  /** Raw Kinesis records as stored (aggregates not expanded), with their shard. */
  readonly kinesisRecords: { readonly shardId: string; readonly record: _Record }[];
  /** Aggregates the KCL would drop: a sub-record's hash key lies outside the shard it was read from. */
  readonly droppedAggregates: number;
  readonly corrupt: number;
}

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export async function readWholeStream(client: KinesisClient, streamName: string): Promise<StreamContents> {
  const contents: StreamContents = { userRecords: [], kinesisRecords: [], droppedAggregates: 0, corrupt: 0 };
  let dropped = 0;
  let corrupt = 0;
  for (const shard of await listAllShards(client, streamName)) {
    const shardId = shard.ShardId ?? '';
    const low = BigInt(shard.HashKeyRange?.StartingHashKey ?? '0');
    const high = BigInt(shard.HashKeyRange?.EndingHashKey ?? '0');
    for (const record of await readShard(client, streamName, shardId)) {
      contents.kinesisRecords.push({ shardId, record });
      const data = Buffer.from(record.Data ?? new Uint8Array());
      const decoded = decodeAggregate(data);
      const base = { shardId, sequenceNumber: record.SequenceNumber ?? '' };
      if (decoded.kind === 'not-aggregated')
        contents.userRecords.push({ ...base, partitionKey: record.PartitionKey ?? '', data });
      else if (decoded.kind === 'corrupt') corrupt += 1;
      else if (
        decoded.records.some((sub) => {
          const h = effectiveHashKey(sub.partitionKey, sub.explicitHashKey);
          return h < low || h > high;
        })
      )
        dropped += 1;
      else
        decoded.records.forEach((sub, i) =>
          contents.userRecords.push({
            ...base,
            subSequenceNumber: i,
            partitionKey: sub.partitionKey,
            data: Buffer.from(sub.data),
          }),
        );
    }
  }
  return { ...contents, droppedAggregates: dropped, corrupt };
}

/** All records of one shard: to its end when closed, else until it is caught up. */
async function readShard(client: KinesisClient, streamName: string, shardId: string): Promise<_Record[]> {
  const records: _Record[] = [];
  let iterator = (
    await client.send(
      new GetShardIteratorCommand({ StreamName: streamName, ShardId: shardId, ShardIteratorType: 'TRIM_HORIZON' }),
    )
  ).ShardIterator;
  while (iterator !== undefined) {
    const page = await client
      .send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 10_000 }))
      .catch(async (error: unknown) => {
        if ((error as { name?: string }).name !== 'ProvisionedThroughputExceededException') throw error;
        await pause(200);
        return undefined;
      });
    if (page === undefined) continue;
    records.push(...(page.Records ?? []));
    if ((page.Records ?? []).length === 0 && page.MillisBehindLatest === 0) break;
    iterator = page.NextShardIterator;
  }
  return records;
}
