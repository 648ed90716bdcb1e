// What a user record decodes into: a post, a vehicle reading, or a rejection with its reason.
import type { UserRecord } from '../../common/user-record';

/**
 * The longest post id kept (UTF-8 bytes), whole: the warehouse keeps one row per (source, post id), so an id is never
 * cut (two Bluesky AT-URIs or Mastodon URLs sharing a prefix would become one row). A longer id is refused at decode.
 * AT-URIs are about 70 bytes in practice (did:plc, a 13-character record key); Mastodon status URLs well under 300.
 */
export const POST_ID_MAX_BYTES = 1024;

export interface Post {
  /** At most POST_ID_MAX_BYTES UTF-8 bytes, never truncated. */
  readonly id: string;
  readonly text: string;
  /** ISO 639-1 code when the post says, else undefined (the analyzer detects it). */
  readonly lang?: string;
  /** ISO-8601 UTC. */
  readonly createdAt: string;
  readonly user: string;
  readonly hashtags: readonly string[];
  /** Where the collector took it from (`x`, `instagram`, `sample`, `file`); undefined for records without one. */
  readonly source?: string;
}

export interface VehicleReading {
  readonly recordId: string;
  /** ISO-8601 UTC. */
  readonly timestamp: string;
  readonly vin: string;
  readonly lat: number;
  readonly lon: number;
  readonly speed: number;
}

export type RejectionReason =
  | 'corrupt-aggregate'
  | 'nested-aggregate-too-large'
  | 'invalid-utf8'
  | 'invalid-json'
  | 'unknown-shape'
  | 'invalid-field'
  | 'empty'
  | 'too-large'
  | 'processing-error'
  /** Decoded fine, but a sink refused the row as data (its error is the detail); isolated by splitting the batch. */
  | 'sink-rejected';

export type DecodedRecord =
  | { readonly kind: 'post'; readonly record: UserRecord; readonly post: Post }
  | { readonly kind: 'vehicle'; readonly record: UserRecord; readonly reading: VehicleReading }
  | {
      readonly kind: 'rejected';
      readonly record: UserRecord;
      readonly reason: RejectionReason;
      readonly detail: string;
    };

export type Rejection = Extract<DecodedRecord, { kind: 'rejected' }>;
