// Turns archived records into the sinks' batches again: decoded as the consumer decodes, scored by known scores or the analyzer.
import { identityKey, type UserRecord } from '../../common/user-record';
import type { Post, Rejection } from '../../consumer/decode/decoded-record';
import { parsePayload } from '../../consumer/decode/payload-parser';
import type { SentimentAnalyzer, SentimentOutcome } from '../../consumer/sentiment/sentiment-analyzer';
import type { ScoredPost, SinkBatch, VehicleRow } from '../../consumer/sinks/sink';

/** Scores already given to posts, by identityKey (from the curated dataset); absent with --rescore. */
export type KnownScores = ReadonlyMap<string, SentimentOutcome>;

export interface ReplayBatchCounts {
  posts: number;
  vehicles: number;
  rejected: number;
  scoredAgain: number;
}

/** One shard's records (stream order) as SinkBatches of at most `size` records; posts without a known score are analyzed. */
export async function replayBatches(
  shardId: string,
  records: readonly UserRecord[],
  size: number,
  analyzer: SentimentAnalyzer,
  known: KnownScores,
  counts: ReplayBatchCounts,
): Promise<SinkBatch[]> {
  const batches: SinkBatch[] = [];
  for (let start = 0; start < records.length; start += size) {
    const slice = records.slice(start, start + size);
    const posts: { record: UserRecord; post: Post; known?: SentimentOutcome }[] = [];
    const vehicles: VehicleRow[] = [];
    const rejections: Rejection[] = [];
    for (const record of slice) {
      const decoded = parsePayload(record);
      if (decoded.kind === 'post') {
        const score = known.get(identityKey(record));
        posts.push({ record, post: decoded.post, ...(score === undefined ? {} : { known: score }) });
      } else if (decoded.kind === 'vehicle') vehicles.push({ record, reading: decoded.reading });
      else rejections.push(decoded);
    }
    const unknown = posts.filter((post) => post.known === undefined);
    const outcomes =
      unknown.length === 0
        ? []
        : await analyzer.analyze(
            unknown.map(({ post }) =>
              post.lang === undefined ? { text: post.text } : { text: post.text, lang: post.lang },
            ),
          );
    let next = 0;
    const scored: ScoredPost[] = posts.map(({ record, post, known: score }) => ({
      record,
      post,
      sentiment: score ??
        outcomes[next++] ?? { ok: false, reason: 'the analyzer returned no outcome for this document' },
    }));
    counts.posts += posts.length;
    counts.vehicles += vehicles.length;
    counts.rejected += rejections.length;
    counts.scoredAgain += unknown.length;
    batches.push({ shardId, records: slice, posts: scored, vehicles, rejections });
  }
  return batches;
}
