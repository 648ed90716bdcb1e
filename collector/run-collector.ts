// Moves posts from one source into the stream: drops keys already kept, journals the rest per batch, then sends them from the journal.
import { describeError } from '../common/errors';
import type { Logger } from '../common/logger';
import type { ProducerStatsSnapshot, PutResult, UserRecordInput } from '../producer';
import { postKey, postRecord, type CollectedPost } from './collected-post';
import type { SeenIds } from './dedupe/seen-ids';
import { JournalWriteError } from './journal/journal-errors';
import { JournalOutbox, type OutboxStats } from './journal/journal-outbox';
import type { JournalEntry, PostJournal } from './journal/post-journal';
import type { PostSourceRun, SourceStats } from './source-stats';

/** The part of KinesisProducer the collector uses. */
export interface PostProducer {
  put(record: UserRecordInput): Promise<PutResult>;
  close(): Promise<void>;
  stats(): ProducerStatsSnapshot;
}

export interface RunCollectorOptions {
  readonly source: PostSourceRun<CollectedPost>;
  readonly producer: PostProducer;
  readonly seen: SeenIds;
  /** Every post is written here (and synced) before it counts; sends come from it. */
  readonly journal: PostJournal;
  /** Where posts Kinesis can never accept are recorded (next to the journal). */
  readonly rejectedFile: string;
  readonly logger: Logger;
  readonly durationSeconds?: number;
  readonly signal?: AbortSignal;
  /** Called with the position every `saveIntervalMs` and at the end. */
  readonly savePosition?: () => void;
  readonly saveIntervalMs?: number;
  readonly onProgress?: (progress: CollectorProgress) => void;
  readonly progressIntervalMs?: number;
  /** Called for each post Kinesis accepted (the chaos soak traces them). */
  readonly onStored?: (entry: JournalEntry, result: PutResult) => void;
  /** Most posts journaled in one write (default 500). */
  readonly maxBatch?: number;
  readonly outbox?: Pick<ConstructorParameters<typeof JournalOutbox>[0], 'replayPolicy' | 'flushIntervalMs'>;
}

export interface CollectorProgress {
  readonly elapsedMs: number;
  /** Posts journaled in this run (counted only once synced to disk). */
  readonly collected: number;
  readonly duplicates: number;
  /** Posts Kinesis accepted in this run (including replays of earlier runs' posts). */
  readonly succeeded: number;
  /** Send attempts that failed; the post stayed in the journal and was replayed. */
  readonly failed: number;
  /** Posts in the journal not yet accepted by Kinesis: sent at the next start if the run ends now. */
  readonly unsent: number;
  /** Posts Kinesis can never accept (over 1 MiB), recorded in the rejected file. */
  readonly rejected: number;
  readonly postsPerSecond: number;
  readonly sourceStats: SourceStats;
}

export interface CollectorSummary extends CollectorProgress {
  readonly producer: ProducerStatsSnapshot;
}

const TURN = Symbol('turn');
/** Resolves after the events already queued: what a source yields synchronously (one chunk of X's stream) is one batch. */
const nextTurn = (): Promise<typeof TURN> => new Promise((resolve) => setImmediate(() => resolve(TURN)));

/**
 * Reads the source in batches (what it has ready), drops keys already kept, journals the batch (one write, one fsync),
 * and only then counts it, remembers its keys (the position) and hands it to the outbox. A journal write that fails (a
 * full disk) stops the run: the source is closed, the failing batch is sent straight to Kinesis as a last chance, and
 * JournalWriteError is thrown. What the journal holds unsent at the end is sent at the next start.
 */
export async function runCollector(options: RunCollectorOptions): Promise<CollectorSummary> {
  const { source, producer, seen, logger, journal } = options;
  const stop = new AbortController();
  const onAbort = (): void => stop.abort();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  if (options.signal?.aborted === true) stop.abort();
  const deadline =
    options.durationSeconds === undefined ? undefined : setTimeout(() => stop.abort(), options.durationSeconds * 1_000);
  const started = Date.now();
  let collected = 0;
  let duplicates = 0;
  for (const entry of journal.unsent()) seen.add(entry.key);
  const outbox = new JournalOutbox({
    journal,
    sender: producer,
    logger,
    rejectedFile: options.rejectedFile,
    ...(options.onStored === undefined ? {} : { onStored: options.onStored }),
    ...options.outbox,
  });
  const progress = (stats: OutboxStats = outbox.stats): CollectorProgress => {
    const elapsedMs = Date.now() - started;
    return {
      elapsedMs,
      collected,
      duplicates,
      succeeded: stats.stored,
      failed: stats.sendFailures,
      unsent: journal.unsentCount,
      rejected: stats.rejected,
      postsPerSecond: elapsedMs === 0 ? 0 : (stats.stored * 1_000) / elapsedMs,
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
  const keep = (batch: readonly CollectedPost[]): void => {
    const fresh = new Map<string, CollectedPost>();
    for (const post of batch) {
      const key = postKey(post);
      if (seen.has(key) || fresh.has(key)) duplicates += 1;
      else fresh.set(key, post);
    }
    if (fresh.size === 0) return;
    const records = [...fresh].map(([key, post]) => ({ key, ...postRecord(post) }));
    let entries: JournalEntry[];
    try {
      entries = journal.append(records);
    } catch (error: unknown) {
      throw new UnjournaledBatch(records, error);
    }
    collected += entries.length;
    for (const entry of entries) seen.add(entry.key);
    outbox.enqueue(entries);
  };
  let failure: unknown;
  const iterator = source.posts(stop.signal)[Symbol.asyncIterator]();
  try {
    let next = iterator.next();
    for (let ended = false; !ended;) {
      const first = await next;
      if (first.done === true) break;
      const batch = [first.value];
      next = iterator.next();
      try {
        while (batch.length < (options.maxBatch ?? 500)) {
          const ready = await Promise.race([next, nextTurn()]);
          if (ready === TURN) break;
          if (ready.done === true) {
            ended = true;
            break;
          }
          batch.push(ready.value);
          next = iterator.next();
        }
      } catch (error: unknown) {
        // The source failed (or stopped on its budget) after yielding these: they were received, so they are kept.
        keep(batch);
        throw error;
      }
      keep(batch);
    }
  } catch (error: unknown) {
    failure = error;
  } finally {
    stop.abort();
    if (deadline !== undefined) clearTimeout(deadline);
    options.signal?.removeEventListener('abort', onAbort);
    if (ticker !== undefined) clearInterval(ticker);
    if (saver !== undefined) clearInterval(saver);
  }
  if (failure instanceof UnjournaledBatch) {
    await iterator.return?.(undefined);
    failure = await lastChance(failure, producer, logger);
  }
  await outbox.close();
  // Flushes what the producer still holds; a Ctrl-C stops cleanly only after this.
  await producer.close();
  try {
    journal.close();
  } catch (error: unknown) {
    // Only acks were pending: the posts they mark are sent again at the next start (duplicates, never a loss).
    logger.error('journal acks not written', { error: describeError(error), unsent: journal.unsentCount });
  }
  options.savePosition?.();
  if (failure !== undefined) throw failure;
  return { ...progress(), producer: producer.stats() };
}

/** A batch the journal refused: carried out of the read loop with the write error. */
class UnjournaledBatch {
  public constructor(
    public readonly records: readonly (UserRecordInput & { readonly key: string })[],
    public readonly error: unknown,
  ) {}
}

/** Sends the batch the journal could not take straight to Kinesis and says loudly what became of it. */
async function lastChance(batch: UnjournaledBatch, producer: PostProducer, logger: Logger): Promise<unknown> {
  const results = await Promise.allSettled(
    batch.records.map((record) => producer.put({ partitionKey: record.partitionKey, data: record.data })),
  );
  const notStored = batch.records.filter((_, i) => results[i]?.status === 'rejected').map((record) => record.key);
  logger.error('journal write failed; stopped reading the source', {
    error: describeError(batch.error),
    batch: batch.records.length,
    sentWithoutJournal: batch.records.length - notStored.length,
    notStored,
  });
  if (!(batch.error instanceof JournalWriteError)) return batch.error;
  const sent = batch.records.length - notStored.length;
  const lost =
    notStored.length === 0
      ? ''
      : ` and ${notStored.length} were not stored (${notStored.slice(0, 5).join(', ')}${notStored.length > 5 ? ', ...' : ''})`;
  return new JournalWriteError(
    batch.error.file,
    batch.error.cause,
    `stopped reading the source. Of the ${batch.records.length} post(s) of the last batch, ${sent} went to Kinesis without the journal${lost}; free space and start again: the journal's unsent posts are replayed`,
  );
}
