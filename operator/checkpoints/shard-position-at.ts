// Where a KCL lease must point so the worker resumes at the first record at or after a time (AT_TIMESTAMP), for one shard.
import {
  GetRecordsCommand,
  GetShardIteratorCommand,
  type GetShardIteratorCommandInput,
  type KinesisClient,
} from '@aws-sdk/client-kinesis';

/** The checkpoint written to the lease: a sequence number or a sentinel, and the sub-sequence number beside it. */
export interface LeaseCheckpoint {
  readonly checkpoint: string;
  readonly subSequenceNumber: number;
}

export type PositionRule =
  /** Resume AT the first record at/after the time (checkpoint = its sequence number, sub-sequence -1). */
  | 'at-first-record'
  /** No record at/after the time yet: resume after the shard's last record, so whatever arrives next is read. */
  | 'after-last-record'
  /** A closed shard with no record at/after the time: nothing of it is wanted. */
  | 'shard-end'
  /** An open shard holding no record at all: from its start, everything in it will be at/after the time. */
  | 'trim-horizon';

export interface ShardTarget extends LeaseCheckpoint {
  readonly rule: PositionRule;
  /** The first record at/after the time: its sequence number and arrival (ISO); null when there is none. */
  readonly firstRecord: { readonly sequenceNumber: string; readonly arrival: string } | null;
}

/**
 * The sub-sequence number that makes the KCL keep EVERY user record of the checkpointed Kinesis record. Why: the KCL
 * (2.x and 3.x alike) starts a lease whose checkpoint is a sequence number with GetShardIterator AT_SEQUENCE_NUMBER of
 * it (retrieval/IteratorBuilder.request, KinesisDataFetcher.initialize), then drops every record whose
 * ExtendedSequenceNumber (sequence, sub-sequence; 0 for a record that is not aggregated) compares <= the checkpoint
 * (lifecycle/ProcessTask.filterAndGetMaxExtendedSequenceNumber). A checkpoint (S, 0) would therefore skip record S
 * itself (resume AFTER it); (S, -1) sorts before every user record of S, so the worker resumes AT S.
 */
export const BEFORE_FIRST_SUB_RECORD = -1;
/** After every user record of the checkpointed record (KPL aggregates hold far fewer than 2^31). */
export const AFTER_LAST_SUB_RECORD = 2 ** 31 - 1;

/**
 * Reads the shard at `atMs` (GetShardIterator AT_TIMESTAMP, then GetRecords until a record, the shard's end or the
 * tip) and, when no record is at/after the time, from the lease's current checkpoint to the tip (the last record).
 * `current` is the lease's checkpoint (a sequence number or a sentinel); a time in the future finds no record, so the
 * worker resumes after the last one. Throws the SDK's errors.
 */
export async function shardTargetAt(
  kinesis: KinesisClient,
  streamName: string,
  shardId: string,
  atMs: number,
  current: LeaseCheckpoint,
  now: () => number = Date.now,
): Promise<ShardTarget> {
  const base = { StreamName: streamName, ShardId: shardId };
  // No record can have arrived after now (and Kinesis stand-ins refuse a future AT_TIMESTAMP).
  const found =
    atMs > now()
      ? { closed: false }
      : await firstRecord(kinesis, { ...base, ShardIteratorType: 'AT_TIMESTAMP', Timestamp: new Date(atMs) });
  if (found.record !== undefined)
    return {
      checkpoint: found.record.sequenceNumber,
      subSequenceNumber: BEFORE_FIRST_SUB_RECORD,
      rule: 'at-first-record',
      firstRecord: found.record,
    };
  const shardEnd: ShardTarget = { checkpoint: 'SHARD_END', subSequenceNumber: 0, rule: 'shard-end', firstRecord: null };
  if (found.closed) return shardEnd;
  const fromCheckpoint = /^\d+$/.test(current.checkpoint);
  const { last, closed } = await lastRecord(
    kinesis,
    fromCheckpoint
      ? { ...base, ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', StartingSequenceNumber: current.checkpoint }
      : { ...base, ShardIteratorType: 'TRIM_HORIZON' },
  );
  if (closed) return shardEnd;
  if (last !== undefined)
    return { checkpoint: last, subSequenceNumber: AFTER_LAST_SUB_RECORD, rule: 'after-last-record', firstRecord: null };
  if (fromCheckpoint) return { ...current, rule: 'after-last-record', firstRecord: null };
  return { checkpoint: 'TRIM_HORIZON', subSequenceNumber: 0, rule: 'trim-horizon', firstRecord: null };
}

/** Empty pages in a row taken as the tip when a stand-in leaves MillisBehindLatest out (Kinesis sets it on every page). */
const MAX_EMPTY_PAGES = 50;

async function firstRecord(
  kinesis: KinesisClient,
  request: GetShardIteratorCommandInput,
): Promise<{ record?: { sequenceNumber: string; arrival: string }; closed: boolean }> {
  let iterator = (await kinesis.send(new GetShardIteratorCommand(request))).ShardIterator;
  for (let empty = 0; iterator !== undefined; empty += 1) {
    const page = await kinesis.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 1 }));
    const record = page.Records?.[0];
    if (record?.SequenceNumber !== undefined)
      return {
        record: {
          sequenceNumber: record.SequenceNumber,
          arrival: record.ApproximateArrivalTimestamp?.toISOString() ?? '',
        },
        closed: false,
      };
    const atTip = page.MillisBehindLatest === 0 || empty >= MAX_EMPTY_PAGES;
    if (atTip && page.NextShardIterator !== undefined) return { closed: false };
    iterator = page.NextShardIterator;
  }
  return { closed: true };
}

async function lastRecord(
  kinesis: KinesisClient,
  request: GetShardIteratorCommandInput,
): Promise<{ last: string | undefined; closed: boolean }> {
  let last: string | undefined;
  let iterator = (await kinesis.send(new GetShardIteratorCommand(request))).ShardIterator;
  for (let empty = 0; iterator !== undefined;) {
    const page = await kinesis.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 10_000 }));
    const records = page.Records ?? [];
    last = records[records.length - 1]?.SequenceNumber ?? last;
    empty = records.length === 0 ? empty + 1 : 0;
    if (records.length === 0 && (page.MillisBehindLatest === 0 || empty >= MAX_EMPTY_PAGES))
      return { last, closed: page.NextShardIterator === undefined };
    iterator = page.NextShardIterator;
  }
  return { last, closed: true };
}
