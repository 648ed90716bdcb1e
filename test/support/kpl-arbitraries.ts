// fast-check arbitraries for KPL user records, including the keys that break naive implementations.
import fc from 'fast-check';
import type { KplRecord } from '../../common/kpl/kpl-record';

/** Keys that break object-as-map implementations, integer-like keys and empty keys. */
export const TRICKY_KEYS = [
  '0',
  '1',
  '42',
  '4294967295',
  '__proto__',
  'constructor',
  'hasOwnProperty',
  'toString',
  '',
] as const;

const anyKey = fc.oneof(
  fc.constantFrom(...TRICKY_KEYS),
  fc.string({ unit: 'binary', maxLength: 24 }), // any code point, astral ones included
  fc.string({ unit: 'grapheme', maxLength: 8 }),
  fc.constantFrom('😀', '𝄞 clef', 'café', '日本語', 'e\u0301'),
);

/** Data: mostly small, sometimes empty, sometimes large enough for multi-byte length varints. */
export const dataArb = fc.oneof(
  { weight: 6, arbitrary: fc.uint8Array({ maxLength: 300 }) },
  { weight: 1, arbitrary: fc.constant(new Uint8Array(0)) },
  { weight: 1, arbitrary: fc.uint8Array({ minLength: 128, maxLength: 20_000 }) },
);

export const hashKeyArb = fc.bigInt({ min: 0n, max: (1n << 128n) - 1n }).map(String);

/** Builds a record without an explicitHashKey property when there is none (as the decoder returns it). */
export function kplRecord(partitionKey: string, data: Uint8Array, explicitHashKey?: string): KplRecord {
  return explicitHashKey === undefined ? { partitionKey, data } : { partitionKey, explicitHashKey, data };
}

export interface RecordArbOptions {
  readonly keys?: fc.Arbitrary<string>;
  readonly hashKeys?: fc.Arbitrary<string>;
  /** 'mixed' (default): each record may or may not carry one; 'all' or 'none' for the whole list. */
  readonly explicitHashKeys?: 'mixed' | 'all' | 'none';
  readonly maxRecords?: number;
}

/** Lists of records whose keys repeat often (a small pool per list), so table deduplication is exercised. */
export function recordsArb(options: RecordArbOptions = {}): fc.Arbitrary<KplRecord[]> {
  const keys = options.keys ?? anyKey;
  const mode = options.explicitHashKeys ?? 'mixed';
  return fc
    .tuple(
      fc.array(keys, { minLength: 1, maxLength: 6 }),
      fc.array(options.hashKeys ?? hashKeyArb, { minLength: 1, maxLength: 4 }),
    )
    .chain(([pkPool, ehkPool]) => {
      const ehk =
        mode === 'none'
          ? fc.constant(undefined)
          : mode === 'all'
            ? fc.constantFrom(...ehkPool)
            : fc.option(fc.constantFrom(...ehkPool), { nil: undefined });
      const record = fc
        .tuple(fc.oneof(fc.constantFrom(...pkPool), keys), dataArb, ehk)
        .map(([pk, data, h]) => kplRecord(pk, data, h));
      return fc.array(record, { maxLength: options.maxRecords ?? 40 });
    });
}

/** Explicit hash keys aws-kinesis-agg's aggregator handles correctly: from 2^32 - 1 up (smaller ones are array indexes). */
export const aggSafeHashKeyArb = fc.bigInt({ min: 4_294_967_295n, max: (1n << 128n) - 1n }).map(String);

/** Keys aws-kinesis-agg's aggregator handles correctly: non-empty, not integer-like, not an Object.prototype name. */
export const aggSafeKeyArb = fc
  .string({ unit: 'binary', minLength: 1, maxLength: 24 })
  .filter((key) => !/^\d+$/.test(key) && !(key in Object.prototype));
