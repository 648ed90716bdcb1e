// Reads the raw archive's records that reached the stream in a period, per shard in stream order, from the hour folders.
import { gunzipSync } from 'node:zlib';
import { compareIdentity, type UserRecord } from '../../common/user-record';
import { joinKey, utcHourPath } from '../../consumer/sinks/s3/archive-layout';
import { archivedData, type ArchiveLine } from '../../consumer/sinks/s3/archive-line';
import type { BucketStore } from '../curated-bucket';
import { ReplayInputError } from './replay-errors';

export interface ArchivePeriod {
  /** Epoch ms, inclusive. */
  readonly fromMs: number;
  /** Epoch ms, exclusive. */
  readonly toMs: number;
}

/** The hour folders that can hold records of the period: an object lies in the hour of its first record, so one before. */
export function hourPrefixes(prefix: string, period: ArchivePeriod): string[] {
  const hour = 3_600_000;
  const prefixes: string[] = [];
  for (let t = Math.floor(period.fromMs / hour) * hour - hour; t < period.toMs; t += hour)
    prefixes.push(`${joinKey(prefix, utcHourPath(t))}/`);
  return prefixes;
}

/** Every archived record whose arrival lies in the period, grouped by shard, each shard in stream order. */
export async function readArchivePeriod(
  store: BucketStore,
  prefix: string,
  period: ArchivePeriod,
  onObject: (key: string, records: number) => void = () => undefined,
): Promise<Map<string, UserRecord[]>> {
  const byShard = new Map<string, UserRecord[]>();
  for (const hourPrefix of hourPrefixes(prefix, period)) {
    for (const object of await store.list(hourPrefix)) {
      const bytes = await store.get(object.key);
      if (bytes === undefined) continue;
      let count = 0;
      for (const record of recordsOf(object.key, bytes)) {
        if (record.approximateArrivalTimestamp < period.fromMs || record.approximateArrivalTimestamp >= period.toMs)
          continue;
        const list = byShard.get(record.shardId) ?? [];
        list.push(record);
        byShard.set(record.shardId, list);
        count += 1;
      }
      onObject(object.key, count);
    }
  }
  for (const records of byShard.values()) records.sort(compareIdentity);
  return byShard;
}

/** The records of one archive object (gzip'd or not); a line that is not JSON throws ReplayInputError. */
export function recordsOf(key: string, bytes: Buffer): UserRecord[] {
  const text = (key.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line, i) => {
      let parsed: ArchiveLine;
      try {
        parsed = JSON.parse(line) as ArchiveLine;
      } catch {
        throw new ReplayInputError(key, `line ${i + 1} is not JSON`);
      }
      return {
        shardId: parsed.shardId,
        sequenceNumber: parsed.sequenceNumber,
        subSequenceNumber: parsed.subSequenceNumber,
        partitionKey: parsed.partitionKey,
        ...(parsed.explicitHashKey === undefined ? {} : { explicitHashKey: parsed.explicitHashKey }),
        approximateArrivalTimestamp: parsed.approximateArrivalTimestamp,
        ...(parsed.receivedAt === undefined ? {} : { receivedAt: parsed.receivedAt }),
        data: archivedData(parsed),
      };
    });
}
