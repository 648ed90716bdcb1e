// Per-shard high-water mark of the archive, kept in S3 itself so a new consumer process knows what is already archived.
import { compareIdentity, type RecordIdentity } from '../../../common/user-record';
import { ArchiveStateError } from '../sink-errors';
import { progressKey } from './archive-layout';
import type { ObjectStore } from './object-store';

export type Position = Omit<RecordIdentity, 'shardId'>;

/*
 * Why every record lands in the archive exactly once, however replays are cut:
 *
 * 1. Records of a shard reach the sink in stream order, and the sink writes one shard at a time.
 *    So "archived" is always a prefix of the shard: everything up to a high-water mark (HWM).
 * 2. Before writing a data object the sink writes the shard's progress object
 *    { committed: HWM, pending: { key, last } }; the data object (a single atomic PUT or a completed
 *    multipart upload) is the commit. After it succeeds the in-memory HWM becomes `last`.
 * 3. A new process recovers the HWM from the progress object: `pending.last` if the pending object
 *    exists (it was committed), else `committed` (it never became visible, and since the checkpoint
 *    follows the write, those records will be replayed).
 * 4. Every write drops the records at or below the HWM and writes the rest. A replay that restarts at
 *    an earlier batch boundary, or in the middle of a KPL aggregate, or cut into different batches,
 *    therefore writes each record once: the part already archived is skipped, the rest is new.
 *    Retrying the same write overwrites the same key (names come from first and last identity).
 * 5. A failed data write may still have landed (a timeout after S3 stored it): the sink then forgets the
 *    in-memory HWM, so the next write recovers it from S3 as in 3, even if the retry is cut differently.
 * Limit: two live writers on one shard (a lease stolen while the old owner still writes) are not
 * fenced; the KCL keeps that window short, and Redshift's keyed load is unaffected.
 */
interface ProgressDocument {
  readonly version: 1;
  readonly shardId: string;
  readonly committed: Position | null;
  readonly pending: { readonly key: string; readonly last: Position } | null;
}

export class ArchiveProgress {
  private readonly highWater = new Map<string, Position | null>();

  public constructor(
    private readonly store: ObjectStore,
    private readonly statePrefix: string,
  ) {}

  /** The highest position archived for the shard (null: nothing yet), recovered from the store on first use. */
  public async highWaterMark(shardId: string): Promise<Position | null> {
    const known = this.highWater.get(shardId);
    if (known !== undefined) return known;
    const recovered = await this.recover(shardId);
    this.highWater.set(shardId, recovered);
    return recovered;
  }

  /** True when the position was archived already and must be skipped. */
  public static isArchived(position: Position, highWater: Position | null): boolean {
    return highWater !== null && compareIdentity(position, highWater) <= 0;
  }

  /** Records the intent to write `key` ending at `last`, before the data object is written. */
  public async markPending(shardId: string, key: string, last: Position): Promise<void> {
    const document: ProgressDocument = {
      version: 1,
      shardId,
      committed: await this.highWaterMark(shardId),
      pending: { key, last },
    };
    const text = JSON.stringify(document);
    await this.store.put(progressKey(this.statePrefix, shardId), Buffer.from(text, 'utf8'), {
      contentType: 'application/json',
    });
  }

  /**
   * Drops what this process believes about the shard. Called after a failed data write: the PUT may have
   * landed although the client saw an error, so the next write must ask S3 (HEAD of the pending key).
   */
  public forget(shardId: string): void {
    this.highWater.delete(shardId);
  }

  /** Called once the data object is durable. */
  public committed(shardId: string, last: Position): void {
    this.highWater.set(shardId, last);
  }

  private async recover(shardId: string): Promise<Position | null> {
    const key = progressKey(this.statePrefix, shardId);
    const bytes = await this.store.get(key);
    if (bytes === undefined) return null;
    const document = parseProgress(key, bytes);
    if (document.pending !== null && (await this.store.exists(document.pending.key))) return document.pending.last;
    return document.committed;
  }
}

function parseProgress(key: string, bytes: Buffer): ProgressDocument {
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new ArchiveStateError(key, 'not JSON');
  }
  const doc = value as Partial<ProgressDocument> | null;
  if (doc === null || typeof doc !== 'object' || doc.version !== 1) throw new ArchiveStateError(key, 'unknown version');
  if (!isPositionOrNull(doc.committed)) throw new ArchiveStateError(key, 'bad committed position');
  const pending = doc.pending;
  if (
    pending !== null &&
    (typeof pending !== 'object' ||
      pending === undefined ||
      typeof pending.key !== 'string' ||
      !isPositionOrNull(pending.last) ||
      pending.last === null)
  ) {
    throw new ArchiveStateError(key, 'bad pending entry');
  }
  return doc as ProgressDocument;
}

function isPositionOrNull(value: unknown): value is Position | null {
  if (value === null) return true;
  if (typeof value !== 'object' || value === undefined) return false;
  const position = value as Partial<Position>;
  return (
    typeof position.sequenceNumber === 'string' &&
    /^\d+$/.test(position.sequenceNumber) &&
    Number.isInteger(position.subSequenceNumber)
  );
}

/**
 * The key a progress object names as pending (null: none): the object recovery HEADs, which a tool that deletes or
 * rewrites data objects (curated compaction) must leave in place. Throws ArchiveStateError when unreadable.
 */
export function pendingKeyOf(key: string, bytes: Buffer): string | null {
  return parseProgress(key, bytes).pending?.key ?? null;
}
