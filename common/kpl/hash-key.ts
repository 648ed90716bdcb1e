// Kinesis' mapping of a partition key to the 128-bit hash key space: MD5 of the UTF-8 bytes, big-endian.
import { createHash } from 'node:crypto';

export const MAX_HASH_KEY = (1n << 128n) - 1n;

/** The hash key Kinesis routes a partition key to. */
export function partitionKeyHash(partitionKey: string): bigint {
  const digest = createHash('md5').update(partitionKey, 'utf8').digest();
  return BigInt(`0x${digest.toString('hex')}`);
}

/** The hash key of a record: its explicit hash key when given, else the partition key's MD5. */
export function effectiveHashKey(partitionKey: string, explicitHashKey?: string): bigint {
  return explicitHashKey === undefined ? partitionKeyHash(partitionKey) : BigInt(explicitHashKey);
}
