// What one store's erasure did: counts and the keys it touched, never the content it removed.

export interface StoreErasure {
  /** Objects read. */
  objectsScanned: number;
  /** Objects written again without the target's records (same key). */
  objectsRewritten: number;
  /** Objects that held only the target's records: deleted, or written empty when a progress object names them. */
  objectsEmptied: number;
  /** Lines (raw archive, dead letters) or rows (curated, warehouse) removed. */
  recordsRemoved: number;
  /** Records emptied inside KPL aggregates kept whole (aggregate-scrub.ts). */
  aggregateRecordsEmptied: number;
  /** Aggregates whose protobuf cannot be read (nothing inside searched): their keys are in `unreadableKeys`. */
  unreadableAggregates: number;
  /** The keys rewritten or emptied (object keys hold shard and sequence numbers, never content). */
  keys: string[];
  unreadableKeys: string[];
}

export function emptyStoreErasure(): StoreErasure {
  return {
    objectsScanned: 0,
    objectsRewritten: 0,
    objectsEmptied: 0,
    recordsRemoved: 0,
    aggregateRecordsEmptied: 0,
    unreadableAggregates: 0,
    keys: [],
    unreadableKeys: [],
  };
}
