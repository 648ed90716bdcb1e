// Sends journaled posts through the producer, marks them sent on success, and replays the unsent ones with backoff until Kinesis takes them.
import * as fs from 'node:fs';
import { describeError } from '../../common/errors';
import type { Logger } from '../../common/logger';
import { backoffDelayMs, type RetryPolicy } from '../../common/retry';
import type { PutResult, UserRecordInput } from '../../producer';
import { InvalidUserRecordError } from '../../producer/producer-errors';
import type { JournalEntry, PostJournal } from './post-journal';

/** The part of KinesisProducer the outbox uses. */
export interface RecordSender {
  put(record: UserRecordInput): Promise<PutResult>;
}

export interface JournalOutboxOptions {
  readonly journal: PostJournal;
  readonly sender: RecordSender;
  readonly logger: Logger;
  /** Wait before replaying after a failed send: 1 s doubling to 30 s (each failure already took the producer's 30 s TTL). */
  readonly replayPolicy?: RetryPolicy;
  /** Most posts handed to the producer at once (the rest wait in the journal). */
  readonly maxInFlight?: number;
  /** Interval of the ack flush (and compaction check), ms. */
  readonly flushIntervalMs?: number;
  /** Where a post Kinesis can never accept (over 1 MiB) is written with its reason before it leaves the journal. */
  readonly rejectedFile: string;
  readonly onStored?: (entry: JournalEntry, result: PutResult) => void;
}

export interface OutboxStats {
  stored: number;
  /** Send attempts that failed; each post stayed in the journal and was replayed. */
  sendFailures: number;
  /** Posts Kinesis can never accept, written to the rejected file. */
  rejected: number;
  replays: number;
}

export const DEFAULT_REPLAY_POLICY: RetryPolicy = Object.freeze({
  maxAttempts: Infinity,
  baseDelayMs: 1_000,
  maxDelayMs: 30_000,
  jitter: 'none',
});

export class JournalOutbox {
  public readonly stats: OutboxStats = { stored: 0, sendFailures: 0, rejected: 0, replays: 0 };
  private readonly waiting = new Map<number, JournalEntry>();
  private readonly inFlight = new Set<Promise<void>>();
  private failureRounds = 0;
  private replayTimer: NodeJS.Timeout | undefined;
  private readonly flushTimer: NodeJS.Timeout;
  private closed = false;

  public constructor(private readonly options: JournalOutboxOptions) {
    for (const entry of options.journal.unsent()) this.waiting.set(entry.seq, entry);
    this.flushTimer = setInterval(() => this.flushJournal(), options.flushIntervalMs ?? 1_000);
    this.pump();
  }

  /** Posts the journal holds and no send attempt holds right now. */
  public get waitingCount(): number {
    return this.waiting.size;
  }

  /** Journaled entries to send. */
  public enqueue(entries: readonly JournalEntry[]): void {
    for (const entry of entries) this.waiting.set(entry.seq, entry);
    this.pump();
  }

  /**
   * Stops replaying: one last attempt for what waits (unless Kinesis is failing), then waits for every attempt to settle
   * and syncs the acks. What is still unsent stays in the journal for the next start.
   */
  public async close(): Promise<void> {
    if (this.replayTimer === undefined) this.pump();
    this.closed = true;
    if (this.replayTimer !== undefined) clearTimeout(this.replayTimer);
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
    clearInterval(this.flushTimer);
    this.flushJournal();
  }

  private pump(): void {
    if (this.closed || this.replayTimer !== undefined) return;
    const max = this.options.maxInFlight ?? 10_000;
    for (const [seq, entry] of this.waiting) {
      if (this.inFlight.size >= max) break;
      this.waiting.delete(seq);
      this.send(entry);
    }
  }

  private send(entry: JournalEntry): void {
    const attempt: Promise<void> = this.options.sender
      .put({ partitionKey: entry.partitionKey, data: entry.data })
      .then(
        (result) => this.stored(entry, result),
        (error: unknown) => this.failed(entry, error),
      )
      .finally(() => {
        this.inFlight.delete(attempt);
        this.pump();
      });
    this.inFlight.add(attempt);
  }

  private stored(entry: JournalEntry, result: PutResult): void {
    this.options.journal.markSent([entry.seq]);
    this.stats.stored += 1;
    this.options.onStored?.(entry, result);
    if (this.failureRounds > 0) {
      // Kinesis answers again: replay what waits now rather than at the end of the backoff.
      this.options.logger.info('Kinesis accepts posts again; replaying the journal', { waiting: this.waiting.size });
      this.failureRounds = 0;
      if (this.replayTimer !== undefined) clearTimeout(this.replayTimer);
      this.replayTimer = undefined;
    }
  }

  private failed(entry: JournalEntry, error: unknown): void {
    if (error instanceof InvalidUserRecordError) {
      this.reject(entry, error);
      return;
    }
    this.stats.sendFailures += 1;
    this.waiting.set(entry.seq, entry);
    if (this.replayTimer !== undefined || this.closed) return;
    this.failureRounds += 1;
    const waitMs = backoffDelayMs(this.options.replayPolicy ?? DEFAULT_REPLAY_POLICY, this.failureRounds);
    this.options.logger.warn('post not stored yet; it stays in the journal and is replayed', {
      key: entry.key,
      error: describeError(error),
      waiting: this.waiting.size,
      replayInMs: waitMs,
    });
    this.replayTimer = setTimeout(() => {
      this.replayTimer = undefined;
      this.stats.replays += 1;
      this.pump();
    }, waitMs);
  }

  /** A post Kinesis can never take: recorded with its reason in the rejected file, then removed from the journal. */
  private reject(entry: JournalEntry, error: unknown): void {
    try {
      fs.appendFileSync(
        this.options.rejectedFile,
        `${JSON.stringify({ reason: describeError(error), key: entry.key, partitionKey: entry.partitionKey, data: entry.data })}\n`,
      );
    } catch (writeError: unknown) {
      this.options.logger.error('cannot record a rejected post; it stays in the journal', {
        key: entry.key,
        error: describeError(writeError),
      });
      return;
    }
    this.stats.rejected += 1;
    this.options.logger.error('Kinesis can never accept this post; recorded in the rejected file', {
      key: entry.key,
      file: this.options.rejectedFile,
      error: describeError(error),
    });
    this.options.journal.markSent([entry.seq]);
  }

  private flushJournal(): void {
    try {
      this.options.journal.flush();
    } catch (error: unknown) {
      // Acks stay pending and are written with the next batch; a lost ack only resends a post.
      this.options.logger.error('journal flush failed', { error: describeError(error) });
    }
  }
}
