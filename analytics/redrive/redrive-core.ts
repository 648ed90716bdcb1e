// The one path a redriven record takes: the consumer's decode, its scoring, then every late-row sink, with an outcome per input record.
import { identityKey, type UserRecord } from '../../common/user-record';
import type { Logger } from '../../common/logger';
import type { DecodedRecord, Rejection } from '../../consumer/decode/decoded-record';
import { decodeSafely } from '../../consumer/decode/decode-safely';
import type { PayloadLimits } from '../../consumer/decode/payload-parser';
import type { DeliveredRecord } from '../../consumer/decode/record-decoder';
import { assembleBatch } from '../../consumer/processor/batch-assembler';
import { writeIsolatingRefused } from '../../consumer/processor/batch-bisect';
import type { SentimentAnalyzer } from '../../consumer/sentiment/sentiment-analyzer';
import type { Sink, SinkBatch } from '../../consumer/sinks/sink';

/** A record to send through again: as the daemon delivered it (base64 data, identity, arrival), of one shard. */
export interface RedriveInput {
  readonly shardId: string;
  readonly delivered: DeliveredRecord;
}

/** What became of one input record (keyed by its identityKey): every user record in it loaded, or the first new rejection. */
export type RedriveResult =
  | { readonly outcome: 'redriven'; readonly posts: number; readonly vehicles: number }
  | { readonly outcome: 'failed-again'; readonly rejections: readonly Rejection[] };

/** Per input record its result; every decoded user record (the raw archive's lines); every new rejection. */
export interface RedriveOutput {
  readonly results: Map<string, RedriveResult>;
  readonly records: readonly UserRecord[];
  readonly rejections: readonly Rejection[];
}

export interface RedriveCoreDeps {
  /** The sinks that take late rows: the warehouse (keyed upsert) and CuratedLateRows; never the high-water-mark sinks. */
  readonly sinks: readonly Sink[];
  readonly analyzer: SentimentAnalyzer;
  readonly logger: Logger;
  readonly limits?: PayloadLimits;
  readonly now?: () => number;
}

export function inputKey(input: RedriveInput): string {
  return identityKey({
    shardId: input.shardId,
    sequenceNumber: input.delivered.sequenceNumber,
    subSequenceNumber: input.delivered.subSequenceNumber ?? 0,
  });
}

/**
 * Decodes the inputs (one shard, stream order) exactly as the consumer does (decodeSafely: de-aggregation, limits,
 * nested identities), scores the posts (assembleBatch), and writes the rows to every sink under their own identities,
 * so a sink that holds a row already keeps it once. Rows a sink refuses as data are isolated (batch-bisect.ts) and
 * reported as `sink-rejected`. With `dryRun`, nothing is written: the results say what would load. Resolves once
 * every sink holds every row reported redriven; rejects (nothing to mark) when a sink fails otherwise.
 */
export async function redriveRecords(
  inputs: readonly RedriveInput[],
  deps: RedriveCoreDeps,
  dryRun: boolean,
): Promise<RedriveOutput> {
  const results = new Map<string, RedriveResult>();
  const first = inputs[0];
  if (first === undefined) return { results, records: [], rejections: [] };
  const receivedAt = (deps.now ?? Date.now)();
  const origin = new Map<DecodedRecord, string>();
  const decoded: DecodedRecord[] = [];
  for (const input of inputs) {
    const key = inputKey(input);
    for (const item of decodeSafely(input.shardId, input.delivered, receivedAt, deps.logger, deps.limits)) {
      origin.set(item, key);
      decoded.push(item);
    }
  }
  const assembled = await assembleBatch({ shardId: first.shardId, decoded, bytes: 0 }, deps.analyzer);
  const rows: SinkBatch = {
    ...assembled,
    records: [...assembled.posts.map((p) => p.record), ...assembled.vehicles.map((v) => v.record)],
    rejections: [],
  };
  const refused: Rejection[] = [];
  if (!dryRun && rows.records.length > 0)
    for (const sink of deps.sinks) refused.push(...(await writeIsolatingRefused(rows, (part) => sink.write(part))));
  const originOfRecord = new Map<UserRecord, string>(decoded.map((item) => [item.record, origin.get(item) ?? '']));
  const rejectedBy = new Map<string, Rejection[]>();
  for (const rejection of [...assembled.rejections, ...refused]) {
    const key = originOfRecord.get(rejection.record) ?? identityKey(rejection.record);
    rejectedBy.set(key, [...(rejectedBy.get(key) ?? []), rejection]);
  }
  const rowsOf = new Map<string, { posts: number; vehicles: number }>();
  const count = (record: UserRecord, kind: 'posts' | 'vehicles'): void => {
    const key = originOfRecord.get(record) ?? '';
    const counts = rowsOf.get(key) ?? { posts: 0, vehicles: 0 };
    counts[kind] += 1;
    rowsOf.set(key, counts);
  };
  for (const post of assembled.posts) count(post.record, 'posts');
  for (const vehicle of assembled.vehicles) count(vehicle.record, 'vehicles');
  for (const input of inputs) {
    const key = inputKey(input);
    const rejections = rejectedBy.get(key);
    results.set(
      key,
      rejections !== undefined
        ? { outcome: 'failed-again', rejections }
        : { outcome: 'redriven', ...(rowsOf.get(key) ?? { posts: 0, vehicles: 0 }) },
    );
  }
  return { results, records: decoded.map((item) => item.record), rejections: [...assembled.rejections, ...refused] };
}
