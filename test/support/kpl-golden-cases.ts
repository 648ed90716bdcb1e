// The inputs of the KPL golden vectors: hand-picked edge cases plus seeded pseudo-random ones, all deterministic.
import type { KplRecord } from '../../common/kpl/kpl-record';
import { kplRecord } from './kpl-arbitraries';

export interface GoldenCase {
  readonly name: string;
  readonly records: readonly KplRecord[];
}

/** mulberry32: a tiny seeded PRNG so regenerated vectors are identical. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function bytes(random: () => number, length: number): Buffer {
  return Buffer.from(Array.from({ length }, () => Math.floor(random() * 256)));
}

const text = (s: string): Buffer => Buffer.from(s, 'utf8');
const MAX_HASH_KEY = ((1n << 128n) - 1n).toString();
const UNICODE_KEYS = ['café', '日本語', '😀 grin', '𝄞 clef', 'e\u0301', 'Ünïcödé-ключ'];

function tweet(random: () => number, i: number): Buffer {
  const words = ['great', 'awful', 'coffee', 'kinesis', 'stream', 'love', 'hate', 'today', '🚀', 'ñandú'];
  const body = Array.from({ length: 20 }, () => words[Math.floor(random() * words.length)]).join(' ');
  return text(
    JSON.stringify({
      id: `${1_700_000_000_000 + i}`,
      text: body,
      lang: 'en',
      created_at: '2024-05-06T07:08:09Z',
      user: `user${i % 7}`,
      hashtags: ['aws'],
    }),
  );
}

/**
 * Every case avoids aws-kinesis-agg's aggregator bugs: no integer-like keys ("0", "42", any decimal below 2^32 - 1,
 * partition or explicit hash key: Object.keys reorders them),
 * no "__proto__" or "hasOwnProperty" keys, no empty partition or explicit hash keys (it rejects or ignores them).
 */
export function goldenCases(): GoldenCase[] {
  const random = prng(20240506);
  const cases: GoldenCase[] = [
    { name: 'single-ascii-record', records: [kplRecord('user-1', text('hello'))] },
    { name: 'empty-data', records: [kplRecord('a', Buffer.alloc(0)), kplRecord('b', Buffer.alloc(0))] },
    {
      name: 'repeated-partition-keys',
      records: Array.from({ length: 6 }, (_, i) => kplRecord(i % 2 ? 'odd' : 'even', text(`r${i}`))),
    },
    { name: 'unicode-partition-keys', records: UNICODE_KEYS.map((key, i) => kplRecord(key, text(`data ${i} ✓`))) },
    {
      name: 'object-prototype-names-that-work',
      records: ['constructor', 'toString', 'valueOf'].map((key) => kplRecord(key, text(key))),
    },
    {
      name: 'explicit-hash-keys',
      records: ['4294967295', MAX_HASH_KEY, '4294967295', '170141183460469231731687303715884105728'].map((ehk, i) =>
        kplRecord(`pk${i}`, text(`v${i}`), ehk),
      ),
    },
    {
      name: 'mixed-explicit-hash-keys',
      records: [
        kplRecord('a', text('1'), '12345'),
        kplRecord('b', text('2')),
        kplRecord('c', text('3'), '67890'),
        kplRecord('a', text('4')),
      ],
    },
    {
      name: 'two-byte-table-indexes',
      records: Array.from({ length: 200 }, (_, i) =>
        kplRecord(`key-${String(i).padStart(3, '0')}`, text(String(i)), `${2n ** 100n + BigInt(i)}`),
      ),
    },
    {
      name: 'large-data',
      records: [kplRecord('big-three-byte-length', bytes(random, 16_500)), kplRecord('mid', bytes(random, 300))],
    },
    {
      name: 'long-partition-keys',
      records: [kplRecord('k'.repeat(256), text('ascii')), kplRecord('😀'.repeat(64), text('astral, 256 UTF-8 bytes'))],
    },
    { name: 'tweets', records: Array.from({ length: 40 }, (_, i) => kplRecord(`user${i % 7}`, tweet(random, i))) },
  ];
  for (let n = 0; n < 10; n++) cases.push({ name: `seeded-random-${n}`, records: randomRecords(random) });
  return cases;
}

function randomRecords(random: () => number): KplRecord[] {
  const keyPool = Array.from(
    { length: 1 + Math.floor(random() * 5) },
    () =>
      `k${String.fromCodePoint(0x61 + Math.floor(random() * 26), 0x3b1 + Math.floor(random() * 20), 0x1f600 + Math.floor(random() * 50))}`,
  );
  const ehkPool = ['4294967296', '99999999999999999999', MAX_HASH_KEY];
  return Array.from({ length: 1 + Math.floor(random() * 30) }, () => {
    const ehk = random() < 0.3 ? ehkPool[Math.floor(random() * ehkPool.length)] : undefined;
    return kplRecord(keyPool[Math.floor(random() * keyPool.length)], bytes(random, Math.floor(random() * 400)), ehk);
  });
}
