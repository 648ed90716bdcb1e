// Raw archive lines for records that reach the archive late (a Lambda batch given up on): only those it lacks, in one object.
import type { UserRecord } from '../../common/user-record';
import { identityKey } from '../../common/user-record';
import { archiveBody } from '../../consumer/sinks/s3/archive-body';
import { archiveObjectKey } from '../../consumer/sinks/s3/archive-layout';
import type { BucketStore } from '../curated-bucket';
import { readArchivePeriod } from '../replay/archive-period';

export interface ArchiveTarget {
  readonly store: BucketStore;
  readonly prefix: string;
  readonly errorPrefix: string;
  readonly gzip: boolean;
}

/**
 * Writes the records (one shard, stream order) the archive does not hold yet, in one object named as the archive sink
 * names a batch (archiveObjectKey: first and last identity). Which it holds is read back from the hour folders of the
 * records' arrival (readArchivePeriod), because the sink's high-water mark is already past them and would skip them;
 * so a rerun writes nothing. Resolves with the number of records written.
 */
export async function archiveLateRecords(target: ArchiveTarget, records: readonly UserRecord[]): Promise<number> {
  if (records.length === 0) return 0;
  const arrivals = records.map((record) => record.approximateArrivalTimestamp);
  const held = await readArchivePeriod(target.store, target.prefix, {
    fromMs: Math.min(...arrivals),
    toMs: Math.max(...arrivals) + 1,
  });
  const present = new Set([...held.values()].flat().map(identityKey));
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
