// Remembers the MD5 hash keys of recent partition keys: real streams reuse keys (users, VINs), and MD5 is the costliest step per record.
import { effectiveHashKey } from '../../common/kpl/hash-key';

export class HashKeyCache {
  private cache = new Map<string, bigint>();

  /** `maxEntries` bounds memory; the cache is dropped whole when full (cheaper than LRU bookkeeping). */
  public constructor(private readonly maxEntries = 65_536) {}

  public hashKeyOf(partitionKey: string, explicitHashKey: string | undefined): bigint {
    if (explicitHashKey !== undefined) return effectiveHashKey(partitionKey, explicitHashKey);
    let hash = this.cache.get(partitionKey);
    if (hash === undefined) {
      hash = effectiveHashKey(partitionKey);
      if (this.cache.size >= this.maxEntries) this.cache = new Map();
      this.cache.set(partitionKey, hash);
    }
    return hash;
  }
}
