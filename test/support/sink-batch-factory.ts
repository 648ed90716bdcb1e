// Realistic test input for the sinks: a shard's stream of tweets, vehicle readings and poison records, cut into batches.
import type { UserRecord } from '../../common/user-record';
import type { DecodedRecord } from '../../consumer/decode/decoded-record';
import type { SentimentOutcome } from '../../consumer/sentiment/sentiment-analyzer';
import type { ScoredPost, SinkBatch, VehicleRow } from '../../consumer/sinks/sink';

export interface StreamItem {
  readonly decoded: DecodedRecord;
  /** Present for posts: what the analyzer said. */
  readonly sentiment?: SentimentOutcome;
}

export interface StreamOptions {
  readonly shardId?: string;
  readonly count: number;
  /** User records per KPL aggregate (they share a sequence number); 1 means not aggregated. */
  readonly perAggregate?: number;
  readonly startMs?: number;
  readonly seed?: number;
  /** Pad tweets to about this many bytes (to build large batches). */
  readonly textBytes?: number;
  /** Every n-th record is poison (default 25; 0 for none). */
  readonly poisonEvery?: number;
}

const WORDS = [
  'love',
  'this',
  'great',
  'terrible',
  'traffic',
  'today',
  'not',
  'bad',
  'happy',
  '😀',
  'meh',
  'coffee',
  'rain',
  'amazing',
  'sad',
  'día',
  'feliz',
];
const BASE_SEQUENCE = 49_590_338_271_490_256_608_559_692_538_361_571_095_921_575_989_136_588_898n;

/** A deterministic pseudo-random generator (LCG), so failures reproduce. */
function randomFrom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

/** Every 10th item is a vehicle reading, every 25th (by default) a poison record (bad JSON or non-UTF-8 bytes); the rest are tweets. */
export function makeShardStream(options: StreamOptions): StreamItem[] {
  const shardId = options.shardId ?? 'shardId-000000000000';
  const perAggregate = options.perAggregate ?? 1;
  const random = randomFrom(options.seed ?? 7);
  const startMs = options.startMs ?? Date.UTC(2026, 10, 22, 9, 58, 0);
  const items: StreamItem[] = [];
  for (let i = 0; i < options.count; i += 1) {
    const sequenceNumber = (BASE_SEQUENCE + BigInt(Math.floor(i / perAggregate)) * 1_000_003n).toString();
    const base = {
      shardId,
      sequenceNumber,
      subSequenceNumber: i % perAggregate,
      approximateArrivalTimestamp: startMs + Math.floor(i / perAggregate) * 40,
    };
    items.push(makeItem(i, base, random, options.textBytes, options.poisonEvery ?? 25));
  }
  return items;
}

type Base = Pick<UserRecord, 'shardId' | 'sequenceNumber' | 'subSequenceNumber' | 'approximateArrivalTimestamp'>;

function makeItem(
  i: number,
  base: Base,
  random: () => number,
  textBytes: number | undefined,
  poisonEvery: number,
): StreamItem {
  if (poisonEvery > 0 && i % poisonEvery === poisonEvery - 1) {
    const data =
      i % 50 === 49 ? Buffer.from([0xff, 0xfe, 0x00, 0x81, i & 0xff]) : Buffer.from(`{"id": "${i}", "text": `, 'utf8');
    const record: UserRecord = { ...base, partitionKey: `poison-${i}`, data };
    return {
      decoded: {
        kind: 'rejected',
        record,
        reason: i % 50 === 49 ? 'invalid-utf8' : 'invalid-json',
        detail: `test poison ${i}`,
      },
    };
  }
  if (i % 10 === 9) {
    const reading = {
      recordId: `r-${i}`,
      timestamp: new Date(base.approximateArrivalTimestamp - 500).toISOString(),
      vin: `1HGCM82633A${String(100_000 + i).slice(-6)}`,
      lat: 47.6 + random() / 10,
      lon: -122.3 - random() / 10,
      speed: Math.round(random() * 1200) / 10,
    };
    const record: UserRecord = {
      ...base,
      partitionKey: reading.vin,
      data: Buffer.from(JSON.stringify({ record_id: reading.recordId, ...reading }), 'utf8'),
    };
    return { decoded: { kind: 'vehicle', record, reading } };
  }
  const words = Array.from({ length: 6 + Math.floor(random() * 14) }, () => WORDS[Math.floor(random() * WORDS.length)]);
  let text = `${words.join(' ')} #${i % 3 === 0 ? 'traffic' : 'coffee'}`;
  if (textBytes !== undefined)
    while (Buffer.byteLength(text) < textBytes) text += ` ${WORDS[Math.floor(random() * WORDS.length)]}`;
  const post = {
    id: String(1_460_000_000_000_000_000n + BigInt(i)),
    text,
    lang: i % 7 === 0 ? 'es' : 'en',
    createdAt: new Date(base.approximateArrivalTimestamp - 1_000).toISOString(),
    user: `user${i % 97}`,
    hashtags: [i % 3 === 0 ? 'traffic' : 'coffee'],
  };
  const record: UserRecord = {
    ...base,
    partitionKey: post.user,
    data: Buffer.from(JSON.stringify({ id_str: post.id, text, lang: post.lang, created_at: post.createdAt }), 'utf8'),
  };
  const p = random();
  const sentiment: SentimentOutcome =
    i % 13 === 12
      ? { ok: false, reason: 'unsupported-language', lang: 'xx' }
      : {
          ok: true,
          label: p > 0.5 ? 'POSITIVE' : 'NEGATIVE',
          scores: { Positive: p, Negative: 1 - p, Neutral: 0, Mixed: 0 },
          lang: post.lang,
        };
  return { decoded: { kind: 'post', record, post }, sentiment };
}

/** The sink batch of consecutive stream items (one shard). */
export function toSinkBatch(items: readonly StreamItem[]): SinkBatch {
  const first = items[0];
  if (first === undefined) throw new Error('toSinkBatch needs at least one item');
  const posts: ScoredPost[] = [];
  const vehicles: VehicleRow[] = [];
  const rejections: Extract<DecodedRecord, { kind: 'rejected' }>[] = [];
  for (const { decoded, sentiment } of items) {
    if (decoded.kind === 'post')
      posts.push({
        record: decoded.record,
        post: decoded.post,
        sentiment: sentiment ?? { ok: false, reason: 'not-scored' },
      });
    else if (decoded.kind === 'vehicle') vehicles.push({ record: decoded.record, reading: decoded.reading });
    else rejections.push(decoded);
  }
  return {
    shardId: first.decoded.record.shardId,
    records: items.map((item) => item.decoded.record),
    posts,
    vehicles,
    rejections,
  };
}

/** Cuts the stream into consecutive batches of the given sizes (the last size repeats until the stream ends). */
export function cutIntoBatches(items: readonly StreamItem[], sizes: readonly number[]): SinkBatch[] {
  const batches: SinkBatch[] = [];
  let offset = 0;
  for (let i = 0; offset < items.length; i += 1) {
    const size = Math.max(1, sizes[Math.min(i, sizes.length - 1)] ?? 1);
    batches.push(toSinkBatch(items.slice(offset, offset + size)));
    offset += size;
  }
  return batches;
}
