// The sink port: a batch of one shard's records, and sinks that make it durable (idempotently) or fail.
import type { UserRecord } from '../../common/user-record';
import type { Post, Rejection, VehicleReading } from '../decode/decoded-record';
import type { SentimentOutcome } from '../sentiment/sentiment-analyzer';

export interface ScoredPost {
  readonly record: UserRecord;
  readonly post: Post;
  readonly sentiment: SentimentOutcome;
}

export interface VehicleRow {
  readonly record: UserRecord;
  readonly reading: VehicleReading;
}

/** One flushed batch of one shard, in stream order; every user record appears in `records` exactly once. */
export interface SinkBatch {
  readonly shardId: string;
  /** Every user record of the batch, raw, in order (the archive's input). */
  readonly records: readonly UserRecord[];
  readonly posts: readonly ScoredPost[];
  readonly vehicles: readonly VehicleRow[];
  readonly rejections: readonly Rejection[];
}

export interface Sink {
  readonly name: string;
  /**
   * Makes the batch durable. Resolving means durable; rejecting means nothing may be assumed.
   * Writing the same records again (whole or cut differently) must not create duplicates.
   */
  write(batch: SinkBatch): Promise<void>;
  /**
   * Only for sinks that keep dead letters (the S3 archive): stores records another sink refused as data (reason
   * `sink-rejected`), each under a key of its own identity, so writing them again overwrites rather than duplicates.
   */
  writeRejected?(rejections: readonly Rejection[]): Promise<void>;
  close(): Promise<void>;
}
