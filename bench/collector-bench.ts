// The collector's figures: posts/s from a fake X stream into kinesis-local (against the producer alone), reconnect after a stall, dedupe memory for a million ids.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { AwsClientFactory } from '../common/aws/client-factory';
import { NullLogger } from '../common/logger';
import type { CollectedPost } from '../collector/collected-post';
import { postRecord } from '../collector/collected-post';
import { SeenIds } from '../collector/dedupe/seen-ids';
import { PostJournal } from '../collector/journal/post-journal';
import { runCollector } from '../collector/run-collector';
import type { PostSourceRun } from '../collector/source-stats';
import { XApi } from '../collector/x/x-api';
import { XFilteredStream } from '../collector/x/x-filtered-stream';
import { startKinesisEmulator } from '../local/stand-ins/kinesis-emulator';
import { freePort } from '../common/process/service-process';
import { ensureStream } from '../local/stand-ins/stream-setup';
import type { KinesisProducer } from '../producer';
import { createProducer } from '../producer/create-producer';
import { NullTransport } from '../producer/transport/null-transport';
import { uniformShards } from '../producer/aggregation/uniform-shards';
import { FakeXApiServer, xTweet } from '../test/fakes/fake-x-api-server';
import type { Benchmark } from './bench-section';

const TOKEN = 'bench-token';
const logger = new NullLogger();
const tweet = (n: number): object =>
  xTweet(
    String(1_800_000_000_000_000_000n + BigInt(n)),
    `Post ${n} sobre la zona de bajas emisiones 🚲 #ZBE #Madrid`,
    `user${n % 500}`,
  );

/** Ends the source after `count` posts, so a run measures a fixed amount of work; notes when the first post arrived. */
function firstPosts(
  source: PostSourceRun<CollectedPost>,
  count: number,
  onFirst: () => void,
): PostSourceRun<CollectedPost> {
  return {
    stats: source.stats,
    posts: async function* (signal: AbortSignal) {
      let n = 0;
      for await (const post of source.posts(signal)) {
        if (n === 0) onFirst();
        yield post;
        n += 1;
        if (n >= count) return;
      }
    },
  };
}

/** Posts/s from the first post to the producer's flush (connection set-up, about 0.1-0.9 s here, is reported apart). */
async function collectorRun(
  count: number,
  producer: Parameters<typeof runCollector>[0]['producer'],
): Promise<{ postsPerSec: number; firstPostMs: number }> {
  const fake = new FakeXApiServer(TOKEN, [{ steps: [{ tweets: Array.from({ length: count }, (_, i) => tweet(i)) }] }]);
  await fake.start();
  try {
    const source = new XFilteredStream({
      api: new XApi({ baseUrl: fake.endpoint, bearerToken: TOKEN }),
      hashtag: 'ZBE',
      logger,
      stallTimeoutMs: 30_000,
    });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'collector-bench-'));
    const started = Date.now();
    let firstAt = 0;
    const summary = await runCollector({
      journal: PostJournal.open(dir).journal,
      rejectedFile: path.join(dir, 'rejected.jsonl'),
      source: firstPosts(source, count, () => {
        firstAt = Date.now();
      }),
      producer,
      seen: new SeenIds(200_000),
      logger,
    });
    fs.rmSync(dir, { recursive: true, force: true });
    if (summary.succeeded !== count) throw new Error(`collector stored ${summary.succeeded} of ${count}`);
    return { postsPerSec: (count * 1_000) / Math.max(1, Date.now() - firstAt), firstPostMs: firstAt - started };
  } finally {
    await fake.stop();
  }
}

async function producerAloneRun(count: number, producer: KinesisProducer): Promise<number> {
  const records = Array.from({ length: count }, (_, i) =>
    postRecord({
      source: 'x',
      id: String(i),
      text: `Post ${i} sobre la zona de bajas emisiones 🚲 #ZBE #Madrid`,
      created_at: new Date().toISOString(),
      lang: 'es',
      user: `user${i % 500}`,
      hashtags: ['ZBE', 'Madrid'],
    }),
  );
  const started = Date.now();
  let stored = 0;
  for (const record of records) {
    await producer.waitForCapacity();
    producer.put(record).then(
      () => {
        stored += 1;
      },
      () => undefined,
    );
  }
  await producer.close();
  if (stored !== count) throw new Error(`producer stored ${stored} of ${count}`);
  return (count * 1_000) / (Date.now() - started);
}

async function stallRun(
  stallTimeoutMs: number,
): Promise<{ silenceToCloseMs: number; reconnectMs: number; firstPostAfterStallMs: number }> {
  const fake = new FakeXApiServer(TOKEN, [
    { steps: [{ tweet: tweet(1) }, { stall: true }] },
    { steps: [{ tweet: tweet(2) }] },
  ]);
  await fake.start();
  try {
    const source = new XFilteredStream({
      api: new XApi({ baseUrl: fake.endpoint, bearerToken: TOKEN }),
      hashtag: 'ZBE',
      logger,
      stallTimeoutMs,
    });
    let secondAt = 0;
    const abort = new AbortController();
    for await (const post of source.posts(abort.signal))
      if (post.id.endsWith('2')) {
        secondAt = Date.now();
        break;
      }
    const stalled = fake.connections[0];
    return {
      silenceToCloseMs: (stalled?.closedAtMs ?? 0) - (stalled?.lastByteAtMs ?? 0),
      reconnectMs: source.stats.lastStallReconnectMs ?? NaN,
      firstPostAfterStallMs: secondAt - (stalled?.closedAtMs ?? 0),
    };
  } finally {
    await fake.stop();
  }
}

function heapAfterGc(): number {
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as () => void;
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

function dedupeMemory(ids: number): {
  setBytesPerId: number;
  stringsBytesPerId: number;
  boundedDefaultMB: number;
  addsPerSec: number;
} {
  const key = (i: number): string => `x:${1_800_000_000_000_000_000n + BigInt(i) * 7n}`;
  const base = heapAfterGc();
  const strings = Array.from({ length: ids }, (_, i) => key(i));
  const withStrings = heapAfterGc();
  strings.length = 0;
  const cleared = heapAfterGc();
  // At the default capacity (100,000) while a million ids pass: memory stays bounded.
  let bounded: SeenIds | undefined = new SeenIds(100_000);
  for (let i = 0; i < ids; i += 1) bounded.add(key(i));
  const withBounded = heapAfterGc();
  if (bounded.size > 100_000) throw new Error('bounded set grew past its capacity');
  bounded = undefined;
  const released = heapAfterGc();
  const seen = new SeenIds(ids);
  const started = process.hrtime.bigint();
  for (let i = 0; i < ids; i += 1) seen.add(key(i));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const withSet = heapAfterGc();
  if (seen.size !== ids) throw new Error(`held ${seen.size} of ${ids}`);
  return {
    setBytesPerId: (withSet - released) / ids,
    stringsBytesPerId: (withStrings - base) / ids,
    boundedDefaultMB: (withBounded - cleared) / 1_048_576,
    addsPerSec: ids / seconds,
  };
}

export const benchmark: Benchmark = async ({ quick, progress }) => {
  const count = quick ? 2_000 : 10_000;
  process.env.AWS_ACCESS_KEY_ID ??= 'bench';
  process.env.AWS_SECRET_ACCESS_KEY ??= 'bench';
  progress(`collector through a null transport: ${count} posts`);
  const nullProducer = async (): Promise<KinesisProducer> =>
    createProducer({
      streamName: 'bench',
      transport: new NullTransport(uniformShards(2)),
      options: { rateLimit: 1e9 },
    });
  // Warm-up (fetch/undici loads lazily, JIT), then the measured runs.
  await collectorRun(500, await nullProducer());
  await producerAloneRun(500, await nullProducer());
  const collectorNull = await collectorRun(count, await nullProducer());
  const producerNull = await producerAloneRun(count, await nullProducer());

  progress('starting kinesis-local');
  const emulator = await startKinesisEmulator({ port: await freePort() });
  const factory = new AwsClientFactory(
    { region: 'us-east-1', s3ForcePathStyle: false, endpoints: { kinesis: emulator.endpoint } },
    3,
  );
  let collectorLocal: { postsPerSec: number; firstPostMs: number };
  let producerLocal: number;
  try {
    const kinesis = factory.kinesis();
    await ensureStream(kinesis, 'bench-collector', 2);
    await ensureStream(kinesis, 'bench-producer', 2);
    await collectorRun(300, await createProducer({ streamName: 'bench-producer', kinesis }));
    await producerAloneRun(300, await createProducer({ streamName: 'bench-collector', kinesis }));
    progress(`collector into kinesis-local: ${count} posts`);
    collectorLocal = await collectorRun(count, await createProducer({ streamName: 'bench-collector', kinesis }));
    progress(`producer alone into kinesis-local: ${count} posts`);
    producerLocal = await producerAloneRun(count, await createProducer({ streamName: 'bench-producer', kinesis }));
  } finally {
    factory.destroy();
    await emulator.stop();
  }

  const stallTimeoutMs = quick ? 2_000 : 30_000;
  progress(`stall with a ${stallTimeoutMs} ms stall timeout`);
  const stall = await stallRun(stallTimeoutMs);
  const ids = quick ? 200_000 : 1_000_000;
  progress(`dedupe memory for ${ids} ids`);
  const memory = dedupeMemory(ids);
  return {
    section: 'collector',
    figures: {
      collectorIntoKinesisLocalPostsPerSec: collectorLocal.postsPerSec,
      collectorStartToFirstPostMs: collectorLocal.firstPostMs,
      producerAloneIntoKinesisLocalPostsPerSec: producerLocal,
      collectorNullTransportPostsPerSec: collectorNull.postsPerSec,
      producerAloneNullTransportPostsPerSec: producerNull,
      stallTimeoutMs,
      stallSilenceToCloseMs: stall.silenceToCloseMs,
      stallDetectionToReconnectedMs: stall.reconnectMs,
      stallCloseToFirstPostMs: stall.firstPostAfterStallMs,
      dedupeIds: ids,
      dedupeSetBytesPerId: memory.setBytesPerId,
      dedupeKeyStringsAloneBytesPerId: memory.stringsBytesPerId,
      dedupeSetTotalMB: (memory.setBytesPerId * ids) / 1_048_576,
      dedupeBoundedDefault100kMB: memory.boundedDefaultMB,
      dedupeAddsPerSec: memory.addsPerSec,
    },
    ratios: {
      collectorVsProducerAloneKinesisLocal: collectorLocal.postsPerSec / producerLocal,
      collectorVsProducerAloneNullTransport: collectorNull.postsPerSec / producerNull,
      dedupeSetVsKeyStringsAlone: memory.setBytesPerId / memory.stringsBytesPerId,
    },
    notes: [
      "kinesis-local (about 1.4 MB/s) bounds the into-stream figures; the null-transport figures show the collector's own cost (HTTP read, NDJSON, mapping, dedupe, producer).",
    ],
  };
};
