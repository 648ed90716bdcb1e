// Bytes of the same posts as the raw archive's gzip NDJSON and as curated Parquet: per batch and compacted.
import * as fs from 'node:fs';
import type { UserRecord } from '../common/user-record';
import { CURATED_POSTS, curatedPostRow } from '../consumer/sinks/curated/curated-tables';
import { parquetBytes } from '../consumer/sinks/curated/parquet-file';
import { archiveBody } from '../consumer/sinks/s3/archive-body';
import type { ScoredPost } from '../consumer/sinks/sink';

/** The 4,200 human-rated tweets of shared/data/sentiment as posts the consumer scored (label from the raters' mean). */
function realPosts(file: string): ScoredPost[] {
  const lines = fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '');
  const start = Date.UTC(2026, 11, 6, 9, 0, 0);
  return lines.map((line, i) => {
    const [id = '', rating = '0', text = ''] = line.split('\t');
    const hashtags = [...text.matchAll(/#(\w+)/g)].map((m) => m[1] ?? '');
    const post = {
      id: `18790000000${id}`,
      text,
      lang: 'en',
      createdAt: new Date(start + i * 900).toISOString(),
      user: `user${i % 400}`,
      hashtags,
      source: 'x',
    };
    const data = Buffer.from(
      JSON.stringify({ id: post.id, text, lang: 'en', created_at: post.createdAt, user: post.user, hashtags }),
      'utf8',
    );
    const record: UserRecord = {
      shardId: 'shardId-000000000000',
      sequenceNumber: (
        49_590_338_271_490_256_608_559_692_538_361_571_095_921_575_989_136_588_898n +
        BigInt(i) * 1_000_003n
      ).toString(),
      subSequenceNumber: 0,
      partitionKey: post.user,
      approximateArrivalTimestamp: start + i * 1_000,
      receivedAt: start + i * 1_000 + 350,
      data,
    };
    const p = Math.min(1, Math.max(0, (Number(rating) + 4) / 8));
    const label = p > 0.55 ? 'POSITIVE' : p < 0.45 ? 'NEGATIVE' : 'NEUTRAL';
    return {
      record,
      post,
      sentiment: { ok: true, label, scores: { Positive: p, Negative: 1 - p, Neutral: 0.1, Mixed: 0.01 }, lang: 'en' },
    } as ScoredPost;
  });
}

async function gzipBytes(records: readonly UserRecord[]): Promise<number> {
  let bytes = 0;
  for await (const chunk of archiveBody(records, true)) bytes += (chunk as Buffer).length;
  return bytes;
}

/** Sizes in bytes for the whole set and summed over `batchRecords`-record batches (one object each, as the sinks write). */
export async function curatedSizeFigures(batchRecords: number, corpus: string): Promise<Record<string, number>> {
  const posts = realPosts(corpus);
  const batches: ScoredPost[][] = [];
  for (let i = 0; i < posts.length; i += batchRecords) batches.push(posts.slice(i, i + batchRecords));
  let gzipPerBatch = 0;
  let parquetPerBatch = 0;
  for (const batch of batches) {
    gzipPerBatch += await gzipBytes(batch.map((post) => post.record));
    parquetPerBatch += parquetBytes(CURATED_POSTS, batch.map(curatedPostRow)).length;
  }
  const gzipWhole = await gzipBytes(posts.map((post) => post.record));
  const parquetWhole = parquetBytes(CURATED_POSTS, posts.map(curatedPostRow)).length;
  return {
    sizePosts: posts.length,
    sizeGzipNdjsonPerBatchBytes: gzipPerBatch,
    sizeParquetPerBatchBytes: parquetPerBatch,
    sizeParquetVsGzipPerBatchRatio: parquetPerBatch / gzipPerBatch,
    sizeGzipNdjsonOneObjectBytes: gzipWhole,
    sizeParquetCompactedBytes: parquetWhole,
    sizeParquetCompactedVsGzipRatio: parquetWhole / gzipWhole,
  };
}
