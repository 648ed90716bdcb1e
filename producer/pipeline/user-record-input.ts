// Checks a user record against Kinesis' rules and turns it into a PendingRecord with its hash key and deadline.
import { effectiveHashKey, MAX_HASH_KEY } from '../../common/kpl/hash-key';
import type { HashKeyCache } from '../aggregation/hash-key-cache';
import { InvalidUserRecordError } from '../producer-errors';
import type { PendingRecord, PutResult } from './pending-record';
import { MAX_RECORD_BYTES } from '../producer-options';

/** What a caller hands to put(). */
export interface UserRecordInput {
  readonly partitionKey: string;
  /** Decimal 128-bit hash key that overrides the partition key's MD5 for routing. */
  readonly explicitHashKey?: string;
  readonly data: Uint8Array | string;
}

const DECIMAL = /^\d{1,39}$/;

/** Validates `input` (throws InvalidUserRecordError) and builds its PendingRecord. */
export function toPendingRecord(
  input: UserRecordInput,
  now: number,
  ttlMs: number,
  resolve: (result: PutResult) => void,
  reject: (error: Error) => void,
  hashes?: HashKeyCache,
): PendingRecord {
  const { partitionKey, explicitHashKey } = input;
  if (typeof partitionKey !== 'string' || partitionKey.length < 1 || partitionKey.length > 256) {
    throw new InvalidUserRecordError('partitionKey must be a string of 1 to 256 characters');
  }
  if (explicitHashKey !== undefined && (!DECIMAL.test(explicitHashKey) || BigInt(explicitHashKey) > MAX_HASH_KEY)) {
    throw new InvalidUserRecordError('explicitHashKey must be a decimal integer in [0, 2^128 - 1]');
  }
  const data = typeof input.data === 'string' ? Buffer.from(input.data, 'utf8') : input.data;
  if (!(data instanceof Uint8Array)) throw new InvalidUserRecordError('data must be a Uint8Array or a string');
  const sizeBytes = data.length + Buffer.byteLength(partitionKey, 'utf8');
  if (sizeBytes > MAX_RECORD_BYTES)
    throw new InvalidUserRecordError(
      `data plus partition key is ${sizeBytes} bytes; Kinesis allows ${MAX_RECORD_BYTES}`,
    );
  return {
    partitionKey,
    explicitHashKey,
    data,
    hashKey:
      hashes === undefined
        ? effectiveHashKey(partitionKey, explicitHashKey)
        : hashes.hashKeyOf(partitionKey, explicitHashKey),
    sizeBytes,
    arrivedAt: now,
    deadline: now + ttlMs,
    attempts: 0,
    lastErrorCode: undefined,
    resolve,
    reject,
  };
}
