// The object-store port the archive writes through: S3 in production (s3-object-store.ts), in memory in unit tests.
import type { Readable } from 'node:stream';

export interface PutOptions {
  readonly contentType: string;
}

export interface ObjectStore {
  /**
   * Stores the object atomically; overwrites an existing key. `body`: the bytes (small objects: progress, dead letters),
   * or a stream factory called again for each attempt (the data object, gzip'd as it is read).
   */
  put(key: string, body: Buffer | (() => Readable), options: PutOptions): Promise<void>;
  /** The object's bytes, or undefined when the key does not exist. */
  get(key: string): Promise<Buffer | undefined>;
  exists(key: string): Promise<boolean>;
}
