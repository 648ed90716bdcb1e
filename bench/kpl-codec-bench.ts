// KPL codec speed: ours vs aws-kinesis-agg on the same ~300-byte tweets in ~51,200-byte aggregates (encode and decode).
import { createHash } from 'node:crypto';
import { aggregate, deaggregateSync, type AggInputRecord } from 'aws-kinesis-agg';
import { AggregateBuilder } from '../common/kpl/aggregate-builder';
import { decodeAggregate, encodeAggregate } from '../common/kpl/aggregate-codec';
import type { KplRecord } from '../common/kpl/kpl-record';
import type { Benchmark } from './bench-section';

const WORDS = [
  'great',
  'awful',
  'coffee',
  'kinesis',
  'stream',
  'love',
  'today',
  'rain',
  'launch',
  'café',
  'ñandú',
  '🚀',
  'traffic',
  'delay',
];

function tweets(count: number): KplRecord[] {
  let seed = 42;
  const random = (): number => (seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0) / 4_294_967_296;
  return Array.from({ length: count }, (_, i) => {
    const user = `user${Math.floor(random() * 5_000)}`;
    const text = Array.from({ length: 22 }, () => WORDS[Math.floor(random() * WORDS.length)]).join(' ');
    const json = {
      id: String(1_790_000_000_000_000_000n + BigInt(i)),
      text,
      lang: 'en',
      created_at: '2025-01-06T07:08:09.000Z',
      user: { id: user, name: user },
      hashtags: ['aws', 'kinesis'],
    };
    return { partitionKey: user, data: Buffer.from(JSON.stringify(json)) };
  });
}

async function timeMs(fn: () => unknown): Promise<number> {
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

const median = (values: readonly number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/**
 * Times `ours` and `theirs` alternately, `runs` times each after `warmups` untimed pairs, so both see the same
 * machine load; returns their median times and the median of the per-pair ratios (theirs / ours).
 */
async function paired(
  runs: number,
  warmups: number,
  ours: () => unknown,
  theirs: () => unknown,
): Promise<{ oursMs: number; theirsMs: number; ratio: number }> {
  for (let i = 0; i < warmups; i++) {
    await ours();
    await theirs();
  }
  const oursMs: number[] = [];
  const theirsMs: number[] = [];
  for (let i = 0; i < runs; i++) {
    oursMs.push(await timeMs(ours));
    theirsMs.push(await timeMs(theirs));
  }
  return { oursMs: median(oursMs), theirsMs: median(theirsMs), ratio: median(theirsMs.map((t, i) => t / oursMs[i])) };
}

function groupsOf(records: readonly KplRecord[], maxBytes: number): KplRecord[][] {
  const builder = new AggregateBuilder(maxBytes);
  const groups: KplRecord[][] = [];
  for (const record of records) {
    if (builder.tryAdd(record)) continue;
    groups.push([...builder.records()]);
    builder.reset();
    builder.tryAdd(record);
  }
  if (builder.count > 0) groups.push([...builder.records()]);
  return groups;
}

/** aws-kinesis-agg's aggregate() on one group: it emits one encoded record per group (all are under its 1 MiB). */
function aggEncode(group: readonly AggInputRecord[]): Promise<Buffer[]> {
  return new Promise((resolve, reject) => {
    const out: Buffer[] = [];
    aggregate(
      group,
      (encoded, done) => {
        out.push(encoded.data);
        done();
      },
      () => resolve(out),
      (error) => reject(error),
    );
  });
}

function aggDecodeCount(base64: string): number {
  let count = 0;
  deaggregateSync({ partitionKey: 'p', sequenceNumber: '1', data: base64 }, true, (err, records) => {
    if (err) throw err;
    count += records?.length ?? 0;
  });
  return count;
}

function check(condition: boolean, what: string): void {
  if (!condition) throw new Error(`kpl-codec bench self-check failed: ${what}`);
}

export const benchmark: Benchmark = async ({ quick, progress }) => {
  const records = tweets(quick ? 10_000 : 60_000);
  const runs = quick ? 3 : 7;
  const dataBytes = records.reduce((sum, r) => sum + r.data.length, 0);
  const groups = groupsOf(records, 51_200);
  const aggGroups = groups.map((g) =>
    g.map((r): AggInputRecord => ({ partitionKey: r.partitionKey, data: r.data as Buffer })),
  );
  const aggregates = groups.map((g) => encodeAggregate(g));
  const base64s = aggregates.map((a) => a.toString('base64'));
  check(
    aggregates.every((a) => a.length <= 51_200),
    'aggregate over 51,200 bytes',
  );
  check(
    (await aggEncode(aggGroups[0]))[0].equals(aggregates[0]),
    'aws-kinesis-agg encodes the first group to other bytes',
  );
  check(
    base64s.reduce((n, b) => n + aggDecodeCount(b), 0) === records.length,
    'aws-kinesis-agg decodes another record count',
  );
  progress(
    `${records.length} records of ~${Math.round(dataBytes / records.length)} bytes in ${groups.length} aggregates; ${runs} timed runs each`,
  );

  let sink = 0;
  const builder = new AggregateBuilder(51_200);
  const encodeWithBuilder = (): void => {
    for (const record of records) {
      if (builder.tryAdd(record)) continue;
      sink += builder.build().length;
      builder.reset();
      builder.tryAdd(record);
    }
    sink += builder.build().length;
    builder.reset();
  };
  const aggEncodeAll = async (): Promise<void> => {
    for (const g of aggGroups) sink += (await aggEncode(g)).length;
  };
  const encode = await paired(runs, 2, encodeWithBuilder, aggEncodeAll);
  const encodeList = await paired(
    runs,
    1,
    () => {
      for (const g of groups) sink += encodeAggregate(g).length;
    },
    aggEncodeAll,
  );
  progress('encode timed');
  const decodeCount = (result: ReturnType<typeof decodeAggregate>): number =>
    result.kind === 'aggregated' ? result.records.length : 0;
  const aggDecodeAll = (): void => {
    for (const b of base64s) sink += aggDecodeCount(b);
  };
  const decodeB64 = await paired(
    runs,
    2,
    () => {
      for (const b of base64s) sink += decodeCount(decodeAggregate(Buffer.from(b, 'base64')));
    },
    aggDecodeAll,
  );
  const decodeBytes = await paired(
    runs,
    1,
    () => {
      for (const a of aggregates) sink += decodeCount(decodeAggregate(a));
    },
    aggDecodeAll,
  );
  // Both decoders must verify the MD5: its cost alone bounds the ratio any verifying decoder can reach.
  const md5Only = await paired(
    runs,
    1,
    () => {
      for (const a of aggregates) sink += createHash('md5').update(a.subarray(4, -16)).digest()[0];
    },
    aggDecodeAll,
  );
  progress(`decode timed (${sink > 0 ? 'ok' : 'nothing done'})`);

  const perSec = (ms: number): number => records.length / (ms / 1000);
  const mbPerSec = (ms: number): number => dataBytes / 1e6 / (ms / 1000);
  return {
    section: 'kpl-codec',
    figures: {
      userRecords: records.length,
      userRecordBytesAvg: dataBytes / records.length,
      aggregateBytesAvg: aggregates.reduce((n, a) => n + a.length, 0) / aggregates.length,
      userRecordsPerAggregate: records.length / aggregates.length,
      encodeRecordsPerSec: perSec(encode.oursMs),
      encodeMBPerSec: mbPerSec(encode.oursMs),
      encodeListRecordsPerSec: perSec(encodeList.oursMs),
      awsKinesisAggEncodeRecordsPerSec: perSec(encode.theirsMs),
      awsKinesisAggEncodeMBPerSec: mbPerSec(encode.theirsMs),
      decodeRecordsPerSec: perSec(decodeBytes.oursMs),
      decodeMBPerSec: mbPerSec(decodeBytes.oursMs),
      decodeFromBase64RecordsPerSec: perSec(decodeB64.oursMs),
      decodeFromBase64MBPerSec: mbPerSec(decodeB64.oursMs),
      awsKinesisAggDecodeRecordsPerSec: perSec(decodeB64.theirsMs),
      awsKinesisAggDecodeMBPerSec: mbPerSec(decodeB64.theirsMs),
      md5OnlyRecordsPerSec: perSec(md5Only.oursMs),
    },
    ratios: {
      encodeVsAwsKinesisAgg: encode.ratio,
      encodeListVsAwsKinesisAgg: encodeList.ratio,
      decodeVsAwsKinesisAgg: decodeB64.ratio,
      decodeBytesVsAwsKinesisAgg: decodeBytes.ratio,
      decodeCeilingVsAwsKinesisAgg: md5Only.ratio,
    },
    goals: { 'encode >= 2x aws-kinesis-agg': encode.ratio >= 2, 'decode >= 3x aws-kinesis-agg': decodeB64.ratio >= 3 },
    notes: [
      'MB = 10^6 bytes of user-record data; ours and aws-kinesis-agg timed alternately after warm-up; ratios are medians of per-pair ratios.',
      'encode: ours = AggregateBuilder.tryAdd + build (size accounting included); aws-kinesis-agg = aggregate() per group of the same records.',
      'decode ratio: both start from the base64 string the multilang daemon delivers and verify the MD5; aws-kinesis-agg also returns data as base64.',
      'decodeCeiling = aws-kinesis-agg decode time / MD5-only time: the best ratio a decoder that verifies the MD5 could reach.',
    ],
  };
};
