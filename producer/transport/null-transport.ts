// A transport that accepts every record at once on the shard its hash key maps to: measures the pipeline without Kinesis.
import { effectiveHashKey } from '../../common/kpl/hash-key';
import type { PutRecordsEntry, PutRecordsResultEntry, PutRecordsTransport, ShardRange } from './put-records-transport';
import { ShardMap } from '../aggregation/shard-map';
import { uniformShards } from '../aggregation/uniform-shards';

export class NullTransport implements PutRecordsTransport {
  private readonly map: ShardMap;
  private sequence = 0n;
  public readonly sent: PutRecordsEntry[][] = [];

  /** `keepRequests` stores every request (tests); leave it off for benchmarks. */
  public constructor(
    private readonly shards: readonly ShardRange[] = uniformShards(4),
    private readonly keepRequests = false,
  ) {
    this.map = new ShardMap(shards);
  }

  public async putRecords(entries: readonly PutRecordsEntry[]): Promise<readonly PutRecordsResultEntry[]> {
    if (this.keepRequests) this.sent.push([...entries]);
    return entries.map((entry) => {
      const hash = effectiveHashKey(entry.PartitionKey, entry.ExplicitHashKey);
      this.sequence += 1n;
      return { ShardId: this.map.shardFor(hash) ?? 'shardId-unknown', SequenceNumber: this.sequence.toString() };
    });
  }

  public async listShards(): Promise<readonly ShardRange[]> {
    return this.shards;
  }
}
