// Forgetting user records inside a KPL aggregate kept whole (a corrupt or nested aggregate in the archive or a dead letter).
import { createHash } from 'node:crypto';
import { decodeAggregate, encodeAggregate } from '../../common/kpl/aggregate-codec';
import { hasKplMagic } from '../../common/kpl/aggregate-decoder';
import { DIGEST_BYTES, MAGIC_BYTES } from '../../common/kpl/kpl-format';
import type { KplRecord } from '../../common/kpl/kpl-record';

export type ScrubResult =
  /** Not an aggregate, or one that holds none of the target's records. */
  | { readonly kind: 'unchanged' }
  /** The aggregate again, each matching record's slot emptied. */
  | { readonly kind: 'scrubbed'; readonly bytes: Buffer; readonly emptied: number }
  /** It carries the KPL magic but its protobuf cannot be read: nothing inside can be searched. */
  | { readonly kind: 'unreadable' };

/** The slot a forgotten record leaves: no data, no partition key, no explicit hash key. */
const EMPTY_SLOT: KplRecord = { partitionKey: '', data: new Uint8Array(0) };

/*
 * What forgetting one user record inside an aggregate means. The identities of the others come from their positions
 * (record-decoder.ts: sub-sequence i, or NESTED_BASE + s * NESTED_STRIDE + i), so removing a record would renumber
 * every record after it. Instead its slot stays and is emptied: the aggregate is encoded again with that record's
 * data and keys empty, so every other record keeps its position, partition key, hash key and bytes (the key tables are
 * rebuilt, which changes only indexes inside the protobuf). A decoder then reads the slot as an `empty` record.
 * A corrupt aggregate (its MD5 did not match) stays corrupt: its original, wrong digest is written back, so a redrive
 * treats it as before. Aggregates nested one level inside (a producer that aggregated twice) are scrubbed the same way.
 */
export function scrubAggregate(data: Uint8Array, matches: (payload: Uint8Array) => boolean, depth = 0): ScrubResult {
  if (!hasKplMagic(data)) return { kind: 'unchanged' };
  const bytes = Buffer.from(data);
  let corruptDigest: Buffer | undefined;
  let decoded = decodeAggregate(bytes);
  if (decoded.kind === 'corrupt' && bytes.length >= MAGIC_BYTES + DIGEST_BYTES) {
    // Read past a wrong digest: give a copy the right one and decode that.
    const end = bytes.length - DIGEST_BYTES;
    corruptDigest = Buffer.from(bytes.subarray(end));
    const fixed = Buffer.from(bytes);
    createHash('md5').update(bytes.subarray(MAGIC_BYTES, end)).digest().copy(fixed, end);
    decoded = decodeAggregate(fixed);
  }
  if (decoded.kind !== 'aggregated') return { kind: 'unreadable' };
  let emptied = 0;
  const records = decoded.records.map((record): KplRecord => {
    if (matches(record.data)) {
      emptied += 1;
      return EMPTY_SLOT;
    }
    if (depth === 0) {
      const inner = scrubAggregate(record.data, matches, depth + 1);
      if (inner.kind === 'scrubbed') {
        emptied += inner.emptied;
        return { ...record, data: inner.bytes };
      }
    }
    return record;
  });
  if (emptied === 0) return { kind: 'unchanged' };
  const encoded = encodeAggregate(records);
  if (corruptDigest !== undefined) corruptDigest.copy(encoded, encoded.length - DIGEST_BYTES);
  return { kind: 'scrubbed', bytes: encoded, emptied };
}
