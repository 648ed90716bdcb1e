// What a user record decodes into: a post, a vehicle reading, or a rejection with its reason.
import type { UserRecord } from '../../common/user-record';

export interface Post {
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
