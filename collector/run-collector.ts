// Moves posts from one source into the stream: drops keys already sent, puts the rest through the producer, counts everything.
import { describeError } from '../common/errors';
import type { Logger } from '../common/logger';
import type { ProducerStatsSnapshot, PutResult, UserRecordInput } from '../producer';
import { postKey, postRecord, type CollectedPost } from './collected-post';
import type { SeenIds } from './dedupe/seen-ids';
import type { PostSourceRun, SourceStats } from './source-stats';

/** The part of KinesisProducer the collector uses. */
export interface PostProducer {
  put(record: UserRecordInput): Promise<PutResult>;
  waitForCapacity(): Promise<void>;
  close(): Promise<void>;
  stats(): ProducerStatsSnapshot;
}

export interface RunCollectorOptions {
  readonly source: PostSourceRun<CollectedPost>;
  readonly producer: PostProducer;
  readonly seen: SeenIds;
  readonly logger: Logger;
  readonly durationSeconds?: number;
  readonly signal?: AbortSignal;
  /** Called with the position every `saveIntervalMs` and at the end. */
  readonly savePosition?: () => void;
  readonly saveIntervalMs?: number;
  readonly onProgress?: (progress: CollectorProgress) => void;
  readonly progressIntervalMs?: number;
}

export interface CollectorProgress {
  readonly elapsedMs: number;
  readonly collected: number;
  readonly duplicates: number;
  readonly sent: number;
  readonly succeeded: number;
  readonly failed: number;
  readonly postsPerSecond: number;
  readonly sourceStats: SourceStats;
}

export interface CollectorSummary extends CollectorProgress {
  readonly producer: ProducerStatsSnapshot;
}

export async function runCollector(options: RunCollectorOptions): Promise<CollectorSummary> {
  const { source, producer, seen, logger } = options;
  const stop = new AbortController();
  const onAbort = (): void => stop.abort();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  if (options.signal?.aborted === true) stop.abort();
  const deadline =
    options.durationSeconds === undefined ? undefined : setTimeout(() => stop.abort(), options.durationSeconds * 1_000);
  const started = Date.now();
  let collected = 0;
  let duplicates = 0;
  let sent = 0;
  let succeeded = 0;
  let failed = 0;
  const progress = (): CollectorProgress => {
    const elapsedMs = Date.now() - started;
    return {
      elapsedMs,
      collected,
      duplicates,
      sent,
      succeeded,
      failed,
      postsPerSecond: elapsedMs === 0 ? 0 : (succeeded * 1_000) / elapsedMs,
      sourceStats: { ...source.stats },
    };
  };
  const ticker =
    options.onProgress === undefined
      ? undefined
      : setInterval(() => options.onProgress?.(progress()), options.progressIntervalMs ?? 5_000);
  const saver =
    options.savePosition === undefined
      ? undefined
      : setInterval(() => options.savePosition?.(), options.saveIntervalMs ?? 10_000);
  try {
    for await (const post of source.posts(stop.signal)) {
      collected += 1;
      const key = postKey(post);
      if (!seen.add(key)) {
        duplicates += 1;
        continue;
      }
      await producer.waitForCapacity();
      sent += 1;
      producer.put(postRecord(post)).then(
        () => {
          succeeded += 1;
        },
        (error: unknown) => {
          failed += 1;
          // Not sent after all: a redelivery may send it again.
          seen.delete(key);
          logger.error('post not stored', { key, error: describeError(error) });
        },
      );
    }
  } finally {
    if (deadline !== undefined) clearTimeout(deadline);
    options.signal?.removeEventListener('abort', onAbort);
    if (ticker !== undefined) clearInterval(ticker);
    if (saver !== undefined) clearInterval(saver);
    // Flushes what the producer holds; a Ctrl-C stops cleanly only after this.
    await producer.close();
    await new Promise((resolve) => setImmediate(resolve));
    options.savePosition?.();
  }
  return { ...progress(), producer: producer.stats() };
}
