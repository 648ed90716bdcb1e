// Splits a batch a sink refused as data until the refused rows stand alone (as Lambda's BisectBatchOnFunctionError), so they are dead-lettered and the rest loads.
import { describeError } from '../../common/errors';
import type { Rejection } from '../decode/decoded-record';
import type { SinkBatch } from '../sinks/sink';
import { SinkDataRejectedError } from '../sinks/sink-errors';

/** Rows a sink loads: posts and vehicle readings (raw records and rejections are the archive's, which refuses no data). */
export function rowCount(batch: SinkBatch): number {
  return batch.posts.length + batch.vehicles.length;
}

/**
 * The batch's rows cut in two halves (posts first, then vehicle readings, each in stream order), each half carrying
 * exactly its rows' raw records and no rejections; undefined for fewer than two rows.
 */
export function splitRows(batch: SinkBatch): [SinkBatch, SinkBatch] | undefined {
  const total = rowCount(batch);
  if (total < 2) return undefined;
  const cut = Math.ceil(total / 2);
  const part = (from: number, to: number): SinkBatch => {
    const posts = batch.posts.slice(Math.min(from, batch.posts.length), Math.min(to, batch.posts.length));
    const vehicles = batch.vehicles.slice(Math.max(0, from - batch.posts.length), Math.max(0, to - batch.posts.length));
    const own = new Set([...posts.map((row) => row.record), ...vehicles.map((row) => row.record)]);
    return {
      shardId: batch.shardId,
      records: batch.records.filter((record) => own.has(record)),
      posts,
      vehicles,
      rejections: [],
    };
  };
  return [part(0, cut), part(cut, total)];
}

/** The dead letters of a batch's rows refused by a sink: reason `sink-rejected`, the sink's error as detail, the raw record. */
export function sinkRejections(batch: SinkBatch, error: unknown): Rejection[] {
  const detail = describeError(error);
  return [...batch.posts, ...batch.vehicles].map((row) => ({
    kind: 'rejected',
    reason: 'sink-rejected',
    detail,
    record: row.record,
  }));
}

/**
 * Writes the batch with `write`; when that fails with SinkDataRejectedError, writes each half the same way, down to
 * single rows, and returns the rows that were refused alone (in stream order). Every other failure of `write` (it
 * retries and holds systemic ones itself) propagates. Cost: about 2 x log2(rows) extra writes per refused row; each
 * write is an idempotent load, so a replay after a crash loads and refuses the same rows again, nothing twice.
 */
export async function writeIsolatingRefused(
  batch: SinkBatch,
  write: (part: SinkBatch) => Promise<void>,
): Promise<Rejection[]> {
  try {
    await write(batch);
    return [];
  } catch (error: unknown) {
    if (!(error instanceof SinkDataRejectedError) || rowCount(batch) === 0) throw error;
    const halves = splitRows(batch);
    if (halves === undefined) return sinkRejections(batch, error);
    const first = await writeIsolatingRefused(halves[0], write);
    const second = await writeIsolatingRefused(halves[1], write);
    return [...first, ...second];
  }
}
