// Splits the 128-bit hash-key space into N equal open shards, as CreateStream does (tests, benchmarks, the null transport).
import { MAX_HASH_KEY } from '../../common/kpl/hash-key';
import type { ShardRange } from '../transport/put-records-transport';

export function uniformShards(count: number, firstIndex = 0): ShardRange[] {
  const width = (MAX_HASH_KEY + 1n) / BigInt(count);
  return Array.from({ length: count }, (_, index) => ({
    shardId: `shardId-${String(firstIndex + index).padStart(12, '0')}`,
    startingHashKey: (width * BigInt(index)).toString(),
    endingHashKey: (index === count - 1 ? MAX_HASH_KEY : width * BigInt(index + 1) - 1n).toString(),
    open: true,
  }));
}
