// The object-store port the archive writes through: S3 in production (s3-object-store.ts), in memory in unit tests.
import type { Readable } from 'node:stream';

export interface PutOptions {
  readonly contentType: string;
}

export interface ObjectStore {
  /** Stores the object atomically; `body` is called again for each attempt. Overwrites an existing key. */
  put(key: string, body: () => Readable, options: PutOptions): Promise<void>;
  /** The object's bytes, or undefined when the key does not exist. */
  get(key: string): Promise<Buffer | undefined>;
  exists(key: string): Promise<boolean>;
}
