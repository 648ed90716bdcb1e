// Builders for the exact JSON actions the daemon sends, and records shaped like the seed data.
import { encodeAggregate } from '../../common/kpl/aggregate-codec';

export const SHARD = 'shardId-000000000001';

export type DaemonAction = { action: string } & Record<string, unknown>;

export interface WireRecord {
  action: 'record';
  data: string;
  partitionKey: string;
  sequenceNumber: string;
  subSequenceNumber: number;
  approximateArrivalTimestamp: number;
}

export function initialize(shardId = SHARD, sequenceNumber = 'TRIM_HORIZON'): DaemonAction {
  return { action: 'initialize', shardId, sequenceNumber, subSequenceNumber: 0 };
}

export function processRecords(records: WireRecord[], millisBehindLatest = 0): DaemonAction {
  return { action: 'processRecords', records, millisBehindLatest };
}

export function tweet(id: number, text = `post number ${id} about #LowEmissionZone`): Buffer {
  return Buffer.from(
    JSON.stringify({
      id: String(id),
      text,
      lang: 'en',
      created_at: '2026-11-20T10:00:00Z',
      user: `user${id}`,
      hashtags: ['LowEmissionZone'],
    }),
  );
}

export function wire(
  data: Buffer,
  sequenceNumber: string,
  subSequenceNumber = 0,
  partitionKey = `pk-${sequenceNumber}`,
): WireRecord {
  return {
    action: 'record',
    data: data.toString('base64'),
    partitionKey,
    sequenceNumber,
    subSequenceNumber,
    approximateArrivalTimestamp: 1_763_632_800_000,
  };
}

/** Sequence numbers shaped like Kinesis' (56 digits), increasing with `n`. */
export function seq(n: number): string {
  return (49_000_000_000_000_000_000_000_000_000_000_000_000_000_000_000_000_000_000n + BigInt(n)).toString();
}

export function tweets(from: number, count: number): WireRecord[] {
  return Array.from({ length: count }, (_, i) => wire(tweet(from + i), seq(from + i)));
}

export function aggregate(ids: number[]): Buffer {
  return encodeAggregate(ids.map((id) => ({ partitionKey: `pk-${id}`, data: tweet(id) })));
}
