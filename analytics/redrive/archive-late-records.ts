// Raw archive lines for records that reach the archive late (a Lambda batch given up on): only those it lacks, in one object.
import type { UserRecord } from '../../common/user-record';
import { compareIdentity, identityKey } from '../../common/user-record';
import { archiveBody } from '../../consumer/sinks/s3/archive-body';
import { archiveObjectKey, joinKey, utcHourPath } from '../../consumer/sinks/s3/archive-layout';
import type { BucketStore } from '../curated-bucket';
import { recordsOf } from '../replay/archive-period';

export interface ArchiveTarget {
  readonly store: BucketStore;
  readonly prefix: string;
  readonly errorPrefix: string;
  readonly gzip: boolean;
}

const HOUR = 3_600_000;

/**
 * Writes the records (one shard, stream order) the archive does not hold yet, in one object named as the archive sink
 * names a batch (archiveObjectKey: first and last identity). Which it holds is read back, because the sink's
 * high-water mark is already past them and would skip them: the shard's objects in the hour folders of the records'
 * arrival (and the hour before: an object lies in the hour of its first record) whose name range overlaps theirs. So
 * a rerun writes nothing. Resolves with the number of records written.
 */
export async function archiveLateRecords(target: ArchiveTarget, records: readonly UserRecord[]): Promise<number> {
  const present = await heldIdentities(target, records);
  const missing = records.filter((record) => !present.has(identityKey(record)));
  const first = missing[0];
  const last = missing[missing.length - 1];
  if (first === undefined || last === undefined) return 0;
  const key = archiveObjectKey(
    target.prefix,
    first.shardId,
    first,
    last,
    first.approximateArrivalTimestamp,
    target.gzip,
  );
  await target.store.put(key, () => archiveBody(missing, target.gzip), {
    contentType: target.gzip ? 'application/gzip' : 'application/x-ndjson',
  });
  return missing.length;
}

async function heldIdentities(target: ArchiveTarget, records: readonly UserRecord[]): Promise<Set<string>> {
  const present = new Set<string>();
  if (records.length === 0) return present;
  const sorted = [...records].sort(compareIdentity);
  const low = sorted[0];
  const high = sorted[sorted.length - 1];
  const arrivals = records.map((record) => record.approximateArrivalTimestamp);
  const shard = low.shardId.replace(/[^A-Za-z0-9._-]/g, '_');
  for (let t = Math.floor(Math.min(...arrivals) / HOUR) * HOUR - HOUR; t <= Math.max(...arrivals); t += HOUR) {
    for (const object of await target.store.list(`${joinKey(target.prefix, utcHourPath(t))}/${shard}-`)) {
      // `<shard>-<firstSeq>-<firstSub>-<lastSeq>-<lastSub>.jsonl[.gz]` (archive-layout.ts): skip objects wholly outside.
      const parts = /-(\d+)-(\d+)-(\d+)-(\d+)\.jsonl(\.gz)?$/.exec(object.key);
      if (parts !== null) {
        const from = { sequenceNumber: parts[1], subSequenceNumber: Number(parts[2]) };
        const to = { sequenceNumber: parts[3], subSequenceNumber: Number(parts[4]) };
        if (compareIdentity(to, low) < 0 || compareIdentity(from, high) > 0) continue;
      }
      const bytes = await target.store.get(object.key);
      if (bytes === undefined) continue;
      for (const record of recordsOf(object.key, bytes)) present.add(identityKey(record));
    }
  }
  return present;
}
