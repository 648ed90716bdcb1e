// The collector's write-ahead journal: posts appended and synced per batch before they count, marked sent when Kinesis accepts them.
import * as path from 'node:path';
import { JournalWriteError } from './journal-errors';
import { NODE_JOURNAL_FILE_SYSTEM, type JournalFileSystem } from './journal-file-system';

/** A journaled post: the producer record it becomes, under a journal sequence number. */
export interface JournalEntry {
  readonly seq: number;
  /** The post key (`source:id`), restored into the dedupe set at start. */
  readonly key: string;
  readonly partitionKey: string;
  readonly data: string;
}

export type JournalRecord = Omit<JournalEntry, 'seq'>;

export interface PostJournalOptions {
  /** Never compact a file smaller than this (default 1 MiB). */
  readonly compactMinBytes?: number;
  readonly fs?: JournalFileSystem;
}

export interface JournalOpenReport {
  /** Posts of earlier runs not yet marked sent: they are replayed. */
  readonly unsent: number;
  /** Lines that were not JSON (a torn final line is cut off silently: it was never synced, so never counted). */
  readonly corruptLines: number;
}

/** One line a post: {"n":seq,"k":key,"p":partitionKey,"d":data}; one line per ack batch: {"sent":[seq,...]}. */
interface PostLine {
  readonly n: number;
  readonly k: string;
  readonly p: string;
  readonly d: string;
}

export const JOURNAL_FILE_NAME = 'posts.journal';
const NEWLINE = 0x0a;

/**
 * Append-only JSON lines in `<dir>/posts.journal`. `append` writes a batch and fsyncs before it returns, so a post the
 * collector has counted survives a crash; `markSent` records acknowledgements (written with the next append or `flush`:
 * an ack lost in a crash only resends a post, never loses one). When the file is over `compactMinBytes` and less than
 * half of it is unsent posts, `flush` rewrites it with the unsent posts only (atomic replace), so it does not grow for ever.
 * Not safe for two processes at once: one journal folder per collector.
 */
export class PostJournal {
  public readonly file: string;
  private readonly fs: JournalFileSystem;
  private readonly compactMinBytes: number;
  /** Unsent entries in journal order, with the byte length of their line. */
  private readonly live = new Map<number, { entry: JournalEntry; bytes: number }>();
  private liveBytes = 0;
  private fileBytes = 0;
  private nextSeq = 1;
  private pendingAcks: number[] = [];
  private fd: number;

  private constructor(dir: string, options: PostJournalOptions) {
    this.file = path.join(dir, JOURNAL_FILE_NAME);
    this.fs = options.fs ?? NODE_JOURNAL_FILE_SYSTEM;
    this.compactMinBytes = options.compactMinBytes ?? 1024 * 1024;
    this.fd = -1;
  }

  /** Opens (or creates) the journal in `dir` and loads what earlier runs left unsent. */
  public static open(
    dir: string,
    options: PostJournalOptions = {},
  ): { journal: PostJournal; report: JournalOpenReport } {
    const journal = new PostJournal(dir, options);
    const report = journal.load();
    return { journal, report };
  }

  public get unsentCount(): number {
    return this.live.size;
  }

  /** Bytes of the journal file (after the last write). */
  public get sizeBytes(): number {
    return this.fileBytes;
  }

  /** The unsent entries, oldest first. */
  public unsent(): JournalEntry[] {
    return [...this.live.values()].map((value) => value.entry);
  }

  /** Appends and syncs `records` (with pending acks) in one write; throws JournalWriteError and keeps nothing on failure. */
  public append(records: readonly JournalRecord[]): JournalEntry[] {
    const entries = records.map((record, i) => ({ seq: this.nextSeq + i, ...record }));
    const lines = entries.map((entry) => {
      const line: PostLine = { n: entry.seq, k: entry.key, p: entry.partitionKey, d: entry.data };
      return Buffer.from(`${JSON.stringify(line)}\n`, 'utf8');
    });
    const acks = this.ackLine();
    this.write(Buffer.concat([acks, ...lines]));
    this.pendingAcks = [];
    this.nextSeq += entries.length;
    entries.forEach((entry, i) => {
      const bytes = lines[i]?.length ?? 0;
      this.live.set(entry.seq, { entry, bytes });
      this.liveBytes += bytes;
    });
    return entries;
  }

  /** Kinesis accepted these entries: they leave the unsent set now and the file at the next write or compaction. */
  public markSent(seqs: readonly number[]): void {
    for (const seq of seqs) {
      const value = this.live.get(seq);
      if (value === undefined) continue;
      this.live.delete(seq);
      this.liveBytes -= value.bytes;
      this.pendingAcks.push(seq);
    }
  }

  /** Writes pending acks and compacts when worthwhile; throws JournalWriteError (the acks stay pending). */
  public flush(): void {
    const acks = this.ackLine();
    if (acks.length > 0) {
      this.write(acks);
      this.pendingAcks = [];
    }
    if (this.fileBytes >= this.compactMinBytes && this.liveBytes * 2 < this.fileBytes) this.compact();
  }

  public close(): void {
    if (this.fd < 0) return;
    try {
      this.flush();
    } finally {
      this.fs.close(this.fd);
      this.fd = -1;
    }
  }

  private ackLine(): Buffer {
    return this.pendingAcks.length === 0
      ? Buffer.alloc(0)
      : Buffer.from(`${JSON.stringify({ sent: this.pendingAcks })}\n`, 'utf8');
  }

  /** Appends and fsyncs; on failure cuts the file back to where it was, so no partial line stays behind. */
  private write(bytes: Buffer): void {
    if (bytes.length === 0) return;
    const before = this.fileBytes;
    try {
      this.fs.append(this.fd, bytes);
      this.fs.fsync(this.fd);
    } catch (error: unknown) {
      try {
        this.fs.truncate(this.fd, before);
      } catch {
        // The next load cuts a torn final line anyway.
      }
      throw new JournalWriteError(this.file, error);
    }
    this.fileBytes = before + bytes.length;
  }

  /** Rewrites the file with the unsent entries only; a failure (full disk) leaves the old file, which is still correct. */
  private compact(): void {
    const bytes = Buffer.concat(
      [...this.live.values()].map(({ entry }) =>
        Buffer.from(
          `${JSON.stringify({ n: entry.seq, k: entry.key, p: entry.partitionKey, d: entry.data } satisfies PostLine)}\n`,
          'utf8',
        ),
      ),
    );
    try {
      this.fs.replace(this.file, bytes);
    } catch (error: unknown) {
      throw new JournalWriteError(this.file, error);
    }
    this.fs.close(this.fd);
    this.fd = this.fs.openAppend(this.file);
    this.fileBytes = bytes.length;
    this.liveBytes = bytes.length;
  }

  private load(): JournalOpenReport {
    const content = this.fs.readFile(this.file) ?? Buffer.alloc(0);
    // A final line without its newline was being written when the process stopped: it was never synced, never counted.
    const end = content.lastIndexOf(NEWLINE) + 1;
    let corruptLines = 0;
    let start = 0;
    while (start < end) {
      const stop = content.indexOf(NEWLINE, start);
      const bytes = stop - start + 1;
      const text = content.toString('utf8', start, stop);
      start = stop + 1;
      if (text.trim() === '') continue;
      const line = parseLine(text);
      if (line === undefined) corruptLines += 1;
      else if ('sent' in line) this.markSent(line.sent);
      else {
        const entry: JournalEntry = { seq: line.n, key: line.k, partitionKey: line.p, data: line.d };
        this.live.set(entry.seq, { entry, bytes });
        this.liveBytes += bytes;
        this.nextSeq = Math.max(this.nextSeq, entry.seq + 1);
      }
    }
    this.pendingAcks = [];
    this.fd = this.fs.openAppend(this.file);
    if (end < content.length) this.fs.truncate(this.fd, end);
    this.fileBytes = end;
    return { unsent: this.live.size, corruptLines };
  }
}

function parseLine(text: string): PostLine | { readonly sent: number[] } | undefined {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof json !== 'object' || json === null) return undefined;
  const object = json as Record<string, unknown>;
  if (Array.isArray(object.sent)) return { sent: object.sent.filter((n): n is number => Number.isInteger(n)) };
  if (
    Number.isInteger(object.n) &&
    typeof object.k === 'string' &&
    typeof object.p === 'string' &&
    typeof object.d === 'string'
  )
    return object as unknown as PostLine;
  return undefined;
}
