// The PutRecordsTransport over the AWS SDK's KinesisClient (the only producer file that imports the SDK).
import { KinesisClient, PutRecordsCommand } from '@aws-sdk/client-kinesis';
import { eachShard } from '../../common/aws/list-all-shards';
import type { PutRecordsEntry, PutRecordsResultEntry, PutRecordsTransport, ShardRange } from './put-records-transport';

/** Which stream: by name or by ARN (ARN wins when both are given). */
export interface StreamTarget {
  readonly streamName?: string;
  readonly streamARN?: string;
}

export class KinesisTransport implements PutRecordsTransport {
  public constructor(
    private readonly client: KinesisClient,
    private readonly target: StreamTarget,
  ) {}

  public async putRecords(entries: readonly PutRecordsEntry[]): Promise<readonly PutRecordsResultEntry[]> {
    const output = await this.client.send(
      new PutRecordsCommand({ ...this.streamParameter(), Records: entries.map((e) => ({ ...e })) }),
    );
    return output.Records ?? [];
  }

  public async listShards(): Promise<readonly ShardRange[]> {
    const shards: ShardRange[] = [];
    for await (const shard of eachShard(this.client, this.streamParameter())) {
      if (
        shard.ShardId === undefined ||
        shard.HashKeyRange?.StartingHashKey === undefined ||
        shard.HashKeyRange.EndingHashKey === undefined
      )
        continue;
      shards.push({
        shardId: shard.ShardId,
        startingHashKey: shard.HashKeyRange.StartingHashKey,
        endingHashKey: shard.HashKeyRange.EndingHashKey,
        open: shard.SequenceNumberRange?.EndingSequenceNumber === undefined,
      });
    }
    return shards;
  }

  private streamParameter(): { StreamName: string } | { StreamARN: string } {
    if (this.target.streamARN !== undefined) return { StreamARN: this.target.streamARN };
    return { StreamName: this.target.streamName ?? '' };
  }
}
