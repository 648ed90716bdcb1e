// Measures how far a checkpoint is behind a shard's tip: time from the first unprocessed record's arrival, and records counted forward up to a bound.
import {
  GetRecordsCommand,
  GetShardIteratorCommand,
  type KinesisClient,
  type ShardIteratorType,
} from '@aws-sdk/client-kinesis';
import { describeError } from '../../common/errors';

export interface ShardLag {
  /** now - arrival of the first record after the checkpoint; 0 when nothing is after it; null when unknown. */
  readonly timeBehindMs: number | null;
  /** Records (Kinesis records; a KPL aggregate counts once) after the checkpoint, counted up to the bound. */
  readonly recordsBehind: number | null;
  /** True when counting stopped at the bound: the real number is at least recordsBehind. */
  readonly recordsBehindCapped: boolean;
  readonly millisBehindLatest: number | null;
  readonly error?: string;
}

export interface LagProbeOptions {
  /** Bound on records counted per shard (GetRecords reads count against the shard's 5 reads/s and 2 MiB/s, shared with consumers). */
  readonly maxRecordsToCount: number;
  readonly maxGetRecordsCalls: number;
}

const UNKNOWN: ShardLag = {
  timeBehindMs: null,
  recordsBehind: null,
  recordsBehindCapped: false,
  millisBehindLatest: null,
};

export async function probeShardLag(
  kinesis: KinesisClient,
  streamName: string,
  shardId: string,
  checkpoint: string | null,
  subSequence: number,
  options: LagProbeOptions,
  now: () => number,
): Promise<ShardLag> {
  const start = iteratorFor(checkpoint, subSequence);
  if (start === 'done') return { timeBehindMs: 0, recordsBehind: 0, recordsBehindCapped: false, millisBehindLatest: 0 };
  if (start === undefined) return UNKNOWN;
  try {
    const it = await kinesis.send(
      new GetShardIteratorCommand({
        StreamName: streamName,
        ShardId: shardId,
        ShardIteratorType: start.type,
        StartingSequenceNumber: start.sequenceNumber,
      }),
    );
    let iterator = it.ShardIterator;
    let counted = 0;
    let firstArrival: number | undefined;
    let millisBehindLatest: number | null = null;
    let reachedTip = false;
    for (
      let call = 0;
      call < options.maxGetRecordsCalls && iterator !== undefined && counted < options.maxRecordsToCount;
      call += 1
    ) {
      const out = await kinesis.send(
        new GetRecordsCommand({
          ShardIterator: iterator,
          Limit: Math.min(10_000, options.maxRecordsToCount - counted),
        }),
      );
      const records = out.Records ?? [];
      firstArrival ??= records[0]?.ApproximateArrivalTimestamp?.getTime();
      counted += records.length;
      millisBehindLatest = out.MillisBehindLatest ?? millisBehindLatest;
      iterator = out.NextShardIterator;
      if (records.length === 0 && (out.MillisBehindLatest ?? 0) === 0) {
        reachedTip = true;
        break;
      }
    }
    const capped = !reachedTip && iterator !== undefined;
    return {
      timeBehindMs: firstArrival === undefined ? 0 : Math.max(0, now() - firstArrival),
      recordsBehind: counted,
      recordsBehindCapped: capped,
      millisBehindLatest,
    };
  } catch (error: unknown) {
    return { ...UNKNOWN, error: describeError(error) };
  }
}

/** Where the first unprocessed record is: after the checkpoint, or at it when an aggregate was only partly processed. */
function iteratorFor(
  checkpoint: string | null,
  subSequence: number,
): { type: ShardIteratorType; sequenceNumber?: string } | 'done' | undefined {
  if (checkpoint === null || checkpoint === 'LATEST' || checkpoint === 'AT_TIMESTAMP') return undefined;
  if (checkpoint === 'SHARD_END') return 'done';
  if (checkpoint === 'TRIM_HORIZON') return { type: 'TRIM_HORIZON' };
  if (!/^\d+$/.test(checkpoint)) return undefined;
  return subSequence > 0
    ? { type: 'AT_SEQUENCE_NUMBER', sequenceNumber: checkpoint }
    : { type: 'AFTER_SEQUENCE_NUMBER', sequenceNumber: checkpoint };
}
