// Builds the sinks' view of a cut batch: every raw record, scored posts, vehicle rows and rejections.
import type { DecodedRecord, Post, Rejection } from '../decode/decoded-record';
import type { SentimentAnalyzer, SentimentOutcome } from '../sentiment/sentiment-analyzer';
import type { ScoredPost, SinkBatch, VehicleRow } from '../sinks/sink';
import type { CutBatch } from './batch-buffer';

/** Scores the batch's posts in one analyzer call (the analyzer groups them for its backend). Rejects only when scoring should be retried. */
export async function assembleBatch(batch: CutBatch, analyzer: SentimentAnalyzer): Promise<SinkBatch> {
  const posts: Array<{ item: Extract<DecodedRecord, { kind: 'post' }>; post: Post }> = [];
  const vehicles: VehicleRow[] = [];
  const rejections: Rejection[] = [];
  for (const item of batch.decoded) {
    if (item.kind === 'post') posts.push({ item, post: item.post });
    else if (item.kind === 'vehicle') vehicles.push({ record: item.record, reading: item.reading });
    else rejections.push(item);
  }
  const outcomes: SentimentOutcome[] =
    posts.length === 0
      ? []
      : await analyzer.analyze(
          posts.map(({ post }) =>
            post.lang === undefined ? { text: post.text } : { text: post.text, lang: post.lang },
          ),
        );
  const scored: ScoredPost[] = posts.map(({ item, post }, index) => ({
    record: item.record,
    post,
    sentiment: outcomes[index] ?? { ok: false, reason: 'the analyzer returned no outcome for this document' },
  }));
  return {
    shardId: batch.shardId,
    records: batch.decoded.map((item) => item.record),
    posts: scored,
    vehicles,
    rejections,
  };
}
