// Reads one shard's records between two sequence numbers (inclusive) from the stream: GetShardIterator AT_SEQUENCE_NUMBER, then GetRecords.
import { GetRecordsCommand, GetShardIteratorCommand, type KinesisClient } from '@aws-sdk/client-kinesis';
import type { DeliveredRecord } from '../../consumer/decode/record-decoder';

export interface SequenceRange {
  readonly streamName: string;
  readonly shardId: string;
  readonly startSequenceNumber: string;
  readonly endSequenceNumber: string;
}

/**
 * The records of the range in stream order, as the Lambda consumer received them (base64 data, epoch-ms arrival, no
 * sub-sequence number: the consumer de-aggregates and numbers user records itself). Stops at the first record past
 * the end, at the shard's end (no next iterator), or when a read comes back empty at the tip (MillisBehindLatest 0).
 * Throws the SDK's error (for example when the range has left the stream's retention period).
 */
export async function readSequenceRange(
  kinesis: KinesisClient,
  range: SequenceRange,
  limitPerCall = 1_000,
): Promise<DeliveredRecord[]> {
  const end = BigInt(range.endSequenceNumber);
  const out: DeliveredRecord[] = [];
  let iterator = (
    await kinesis.send(
      new GetShardIteratorCommand({
        StreamName: range.streamName,
        ShardId: range.shardId,
        ShardIteratorType: 'AT_SEQUENCE_NUMBER',
        StartingSequenceNumber: range.startSequenceNumber,
      }),
    )
  ).ShardIterator;
  while (iterator !== undefined) {
    const page = await kinesis.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: limitPerCall }));
    for (const record of page.Records ?? []) {
      const sequenceNumber = record.SequenceNumber ?? '0';
      if (BigInt(sequenceNumber) > end) return out;
      out.push({
        data: Buffer.from(record.Data ?? new Uint8Array()).toString('base64'),
        partitionKey: record.PartitionKey ?? '',
        sequenceNumber,
        approximateArrivalTimestamp: record.ApproximateArrivalTimestamp?.getTime() ?? 0,
      });
    }
    if ((page.Records ?? []).length === 0 && page.MillisBehindLatest === 0) return out;
    iterator = page.NextShardIterator;
  }
  return out;
}
