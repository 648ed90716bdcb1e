// `npm start`'s history: sends the seeded weeks of posts (history-posts.ts) through the real pipeline once, waits until the warehouse holds them, then writes a marker so a restart skips it.
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { SampleRecord } from '../../producer/samples/sample-source';
import { historyPosts, type HistoryOptions } from './history-posts';

/** The put side of the producer (KinesisProducer): put() resolves once Kinesis accepted the record. */
export interface HistoryProducer {
  put(record: SampleRecord): Promise<unknown>;
}

export interface BackfillOptions extends Omit<HistoryOptions, 'endMs'> {
  /** The marker file (.local/history.json): the plan while running, `done` once the warehouse holds every post. */
  readonly markerFile: string;
  readonly producer: HistoryProducer;
  /** Backfilled posts the warehouse holds in [fromMs, toMs) (rows with source = backfill). */
  readonly countLoaded: (range: { fromMs: number; toMs: number }) => Promise<number>;
  readonly onProgress: (progress: BackfillProgress) => void;
  readonly now: () => number;
  /** Sleeps between two counts; resolves early (and the backfill stops) when `signal` aborts. */
  readonly sleep: (ms: number) => Promise<void>;
  readonly signal?: AbortSignal;
  /** Posts handed to the producer before waiting for them to be accepted (bounds memory and the record TTL). */
  readonly chunkSize?: number;
}

export interface BackfillProgress {
  readonly phase: 'sending' | 'loading' | 'done' | 'skipped';
  readonly posts: number;
  readonly sent: number;
  readonly loaded: number;
  readonly fromMs: number;
  readonly toMs: number;
}

/** The marker: what was planned (so an interrupted backfill resends the very same posts) and whether it is done. */
interface HistoryMarker {
  readonly version: 1;
  readonly status: 'planned' | 'done';
  readonly seed: number;
  readonly days: number;
  readonly postsPerDay: number;
  readonly timeZone: string;
  readonly endMs: number;
  readonly fromMs: number;
  readonly posts: number;
  readonly completedAt?: string;
}

/**
 * Runs the backfill unless the marker says it is done. Exactly once across restarts: the marker turns `done` only after
 * the warehouse holds every post; a run stopped before resends the same plan (same end time, so the same post ids),
 * which the sinks keep once per (source, post_id). Resolves with the last progress; stops early when `signal` aborts.
 */
export async function backfillHistory(options: BackfillOptions): Promise<BackfillProgress> {
  const previous = readMarker(options.markerFile);
  if (previous?.status === 'done') {
    const skipped = progress('skipped', previous, previous.posts, previous.posts);
    options.onProgress(skipped);
    return skipped;
  }
  // An interrupted backfill finishes its own plan (same end time and options: the same posts and ids).
  const plan =
    previous === undefined
      ? { ...pickPlan(options), endMs: Math.floor(options.now() / 60_000) * 60_000 }
      : { ...pickPlan(previous), endMs: previous.endMs };
  const endMs = plan.endMs;
  const posts = historyPosts(plan);
  const marker: HistoryMarker = {
    version: 1,
    status: 'planned',
    ...plan,
    fromMs: posts[0]?.createdAtMs ?? endMs,
    posts: posts.length,
  };
  writeMarker(options.markerFile, marker);
  const range = { fromMs: marker.fromMs, toMs: endMs };
  const aborted = (): boolean => options.signal?.aborted === true;

  let sent = 0;
  const chunk = options.chunkSize ?? 1_000;
  for (let i = 0; i < posts.length && !aborted(); i += chunk) {
    let pending = posts.slice(i, i + chunk).map((p) => p.record);
    // A record the producer gave up on (its TTL passed on a slow stand-in) is put again: the history must be whole.
    for (let round = 0; pending.length > 0 && !aborted(); round += 1) {
      if (round > 0) await options.sleep(Math.min(10_000, 1_000 * round));
      const results = await Promise.allSettled(pending.map((record) => options.producer.put(record)));
      pending = pending.filter((_, k) => results[k]!.status === 'rejected');
    }
    sent = Math.min(posts.length, i + chunk);
    options.onProgress(progress('sending', marker, sent, 0));
  }
  // No producer.flush(): every put above has settled, and a flush would also wait for the live posts put meanwhile.

  let loaded = 0;
  while (!aborted()) {
    loaded = await options.countLoaded(range).catch(() => loaded);
    if (loaded >= posts.length) break;
    options.onProgress(progress('loading', marker, sent, loaded));
    await options.sleep(2_000);
  }
  if (aborted()) return progress('loading', marker, sent, loaded);
  writeMarker(options.markerFile, { ...marker, status: 'done', completedAt: new Date(options.now()).toISOString() });
  const done = progress('done', marker, sent, loaded);
  options.onProgress(done);
  return done;
}

function pickPlan(o: Omit<HistoryOptions, 'endMs'>): Omit<HistoryOptions, 'endMs'> {
  return { seed: o.seed, days: o.days, postsPerDay: o.postsPerDay, timeZone: o.timeZone };
}

function progress(
  phase: BackfillProgress['phase'],
  marker: HistoryMarker,
  sent: number,
  loaded: number,
): BackfillProgress {
  return { phase, posts: marker.posts, sent, loaded, fromMs: marker.fromMs, toMs: marker.endMs };
}

/** The marker, or undefined when absent or unreadable (then the backfill runs; its post ids make a rerun harmless). */
export function readMarker(file: string): HistoryMarker | undefined {
  try {
    const value = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<HistoryMarker>;
    const numbers = [value.seed, value.days, value.postsPerDay, value.endMs, value.fromMs, value.posts];
    if (value.version !== 1 || !numbers.every((n) => typeof n === 'number' && Number.isFinite(n))) return undefined;
    if (value.status !== 'planned' && value.status !== 'done') return undefined;
    if (typeof value.timeZone !== 'string') return undefined;
    return value as HistoryMarker;
  } catch {
    return undefined;
  }
}

/** Written beside, synced, then renamed: a crash leaves the old marker or the new one, never half of one. */
function writeMarker(file: string, marker: HistoryMarker): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${crypto.randomBytes(4).toString('hex')}.tmp`;
  const fd = fs.openSync(temporary, 'w');
  try {
    fs.writeSync(fd, `${JSON.stringify(marker, null, 2)}\n`);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(temporary, file);
}
