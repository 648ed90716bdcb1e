// The chaos fault `kinesis-outage`: a collector runs into the soak's stream while Kinesis is taken from it for 90 s; every post must arrive.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { AwsClientFactory } from '../../common/aws/client-factory';
import { NullLogger, type Logger } from '../../common/logger';
import { sleep } from '../../common/sleep';
import type { CollectedPost } from '../../collector/collected-post';
import { SeenIds } from '../../collector/dedupe/seen-ids';
import { PostJournal } from '../../collector/journal/post-journal';
import { runCollector } from '../../collector/run-collector';
import { emptySourceStats, type PostSourceRun } from '../../collector/source-stats';
import { createProducer } from '../../producer';
import { KinesisOutageProxy } from './kinesis-outage-proxy';
import type { SoakPipeline } from './soak-pipeline';
import type { SoakStack } from './soak-stack';

/** How long Kinesis is away: three times the producer's record TTL (30 s), so posts fail in the producer and the journal must replay them. */
export const KINESIS_DOWN_MS = 90_000;
const COLLECT_RATE_PER_SECOND = 10;

/**
 * Runs a collector (journal and all, as `npm run collect` does) whose posts are traced tweets of this soak run; cuts
 * its Kinesis for `downMs` (connections refused, open ones closed at request boundaries: KinesisOutageProxy), restores
 * it, waits until the journal is empty, and adds every post Kinesis accepted to the run's records, so the final
 * reconciliation checks each one in the archive and the table. Throws when any collected post was not accepted.
 */
export async function collectThroughOutage(
  stack: SoakStack,
  pipeline: SoakPipeline,
  progress: (line: string) => void,
  logger: Logger = new NullLogger(),
  downMs = KINESIS_DOWN_MS,
): Promise<string> {
  const log = logger.child({ component: 'chaos-collector' });
  const proxy = await KinesisOutageProxy.start(Number(new URL(stack.base.endpoints.kinesis).port));
  const factory = new AwsClientFactory({
    region: stack.base.endpoints.region,
    s3ForcePathStyle: false,
    endpoints: { kinesis: proxy.endpoint },
  });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chaos-collector-'));
  const abort = new AbortController();
  const producedAt = new Map<string, number>();
  let duringOutage = 0;
  let down = false;
  let stored = 0;
  let run: Promise<unknown> | undefined;
  try {
    const producer = await createProducer({ streamName: pipeline.streamName, kinesis: factory.kinesis(), logger: log });
    const { journal } = PostJournal.open(dir);
    const source = tracedPosts(`${pipeline.runId}-c`, producedAt, () => {
      if (down) duringOutage += 1;
    });
    const collecting = runCollector({
      source,
      producer,
      seen: new SeenIds(100_000),
      journal,
      rejectedFile: path.join(dir, 'rejected.jsonl'),
      logger: log,
      signal: abort.signal,
      onStored: (entry, result) => {
        stored += 1;
        const id = entry.key.slice('sample:'.length);
        pipeline.records.push({ id, producedAtMs: producedAt.get(id) ?? 0, acceptedAtMs: Date.now(), result });
      },
    });
    run = collecting.catch(() => undefined);
    await until(() => stored >= 20, 120_000);
    down = true;
    await proxy.cut();
    progress(`kinesis-outage: Kinesis cut from the collector for ${downMs / 1000} s`);
    await sleep(downMs);
    const backlog = journal.unsentCount;
    down = false;
    await proxy.restore();
    progress(`kinesis-outage: Kinesis back; ${backlog} posts wait in the journal`);
    await sleep(5_000);
    // New posts stop (the source idles), so "the journal is empty" is a state the run reaches.
    source.pause();
    await until(() => journal.unsentCount === 0, 300_000);
    abort.abort();
    const summary = await collecting;
    if (summary.unsent !== 0 || summary.succeeded !== summary.collected)
      throw new Error(
        `collector lost posts: ${summary.collected} collected, ${summary.succeeded} accepted, ${summary.unsent} unsent`,
      );
    return (
      `collector cut from Kinesis for ${downMs / 1000} s: ${summary.collected} posts collected ` +
      `(${duringOutage} during the outage, ${backlog} waiting in the journal at its end), ${summary.succeeded} ` +
      `accepted by Kinesis, ${summary.failed} failed sends replayed from the journal, 0 unsent`
    );
  } finally {
    abort.abort();
    // The collector's last sends finish before the proxy goes: a request cut mid-way could be stored and sent again.
    await run;
    await proxy.stop();
    factory.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Traced tweets as collected posts (source `sample`), ids `<prefix><n>`, at COLLECT_RATE_PER_SECOND. */
function tracedPosts(
  prefix: string,
  producedAt: Map<string, number>,
  onPost: () => void,
): PostSourceRun<CollectedPost> & { pause(): void } {
  let paused = false;
  return {
    stats: emptySourceStats(),
    pause: () => {
      paused = true;
    },
    async *posts(signal: AbortSignal): AsyncGenerator<CollectedPost> {
      for (let n = 0; !signal.aborted; n += 1) {
        await sleep(1_000 / COLLECT_RATE_PER_SECOND, signal);
        while (paused && !signal.aborted) await sleep(200, signal);
        if (signal.aborted) return;
        const id = `${prefix}${n}`;
        const now = Date.now();
        producedAt.set(id, now);
        onPost();
        yield {
          source: 'sample',
          id,
          text: n % 2 === 0 ? 'The #transitpolicy is great, buses on time' : 'The #transitpolicy is a mess, late again',
          created_at: new Date(now).toISOString(),
          lang: 'en',
          user: `rider${n % 13}`,
          hashtags: ['transitpolicy'],
        };
      }
    },
  };
}

async function until(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await sleep(250);
  }
}
