// Drops KPL aggregates that do not belong to the shard they were read from, as the KCL does for shards whose range it knows.
import { partitionKeyHash } from '../../common/kpl/hash-key';
import type { DeliveredRecord } from '../decode/record-decoder';

/** A shard's inclusive hash-key range (ListShards `HashKeyRange`, lease `startingHashKey`/`endingHashKey`). */
export interface HashKeyRange {
  readonly startingHashKey: bigint;
  readonly endingHashKey: bigint;
}

export interface RangeFilterResult {
  readonly kept: readonly DeliveredRecord[];
  /** Aggregates (sequence numbers) dropped whole, with the user records they carried. */
  readonly droppedAggregates: number;
  readonly droppedRecords: number;
}

/**
 * The daemon (KCL 2.7.2 `AggregatorUtil.deaggregate`, read from its bytecode) drops a whole aggregate as soon as
 * one sub-record's hash key lies outside the shard's range, but only when it already knows that range; for a
 * just-created child shard it delivers every sub-record. This applies the same rule downstream: the sub-records
 * of one aggregate share a sequence number, so a group of two or more records with one sequence number is
 * dropped whole when any member's partition-key MD5 lies outside `range`. A record alone under its sequence
 * number (a plain record, routed by Kinesis itself) is always kept. The producer resends every user record of
 * such an aggregate to the right shard (producer-pipeline setShardMap), so nothing is lost.
 * Assumes sub-records carry no explicit hash key that differs from their partition key's MD5 (the multilang
 * protocol does not pass it on); our producer never aggregates such records (shard-aggregators).
 */
export function filterOutsideRange(records: readonly DeliveredRecord[], range: HashKeyRange): RangeFilterResult {
  const counts = new Map<string, number>();
  for (const r of records) counts.set(r.sequenceNumber, (counts.get(r.sequenceNumber) ?? 0) + 1);
  const outside = new Set<string>();
  for (const r of records) {
    if ((counts.get(r.sequenceNumber) ?? 0) < 2 || outside.has(r.sequenceNumber)) continue;
    const hash = partitionKeyHash(typeof r.partitionKey === 'string' ? r.partitionKey : '');
    if (hash < range.startingHashKey || hash > range.endingHashKey) outside.add(r.sequenceNumber);
  }
  if (outside.size === 0) return { kept: records, droppedAggregates: 0, droppedRecords: 0 };
  const kept = records.filter((r) => !outside.has(r.sequenceNumber));
  return { kept, droppedAggregates: outside.size, droppedRecords: records.length - kept.length };
}
