// Runs `npm start`'s history backfill in the background: progress lines for the terminal, the figures in the log, stopped with the rest on Ctrl-C.
import * as path from 'node:path';
import type { Logger } from '../../common/logger';
import { sleep } from '../../common/sleep';
import { backfillHistory, type BackfillProgress, type HistoryProducer } from './history-backfill';
import { HistoryLoadedCount } from './history-loaded';

export interface HistoryStartOptions {
  readonly dir: string;
  readonly seed: number;
  readonly days: number;
  readonly postsPerDay: number;
  readonly timeZone: string;
  readonly producer: HistoryProducer;
  readonly postgresUrl: string;
  readonly postsTable: string;
  readonly logger: Logger;
  readonly say: (line: string) => void;
}

export interface RunningHistory {
  /** Resolves with the last progress (done, skipped, or where it stopped). */
  readonly finished: Promise<BackfillProgress | undefined>;
  stop(): Promise<void>;
}

export function startHistoryBackfill(options: HistoryStartOptions): RunningHistory {
  const stop = new AbortController();
  const counter = new HistoryLoadedCount(options.postgresUrl, options.postsTable, options.logger);
  const startedMs = Date.now();
  let lastLine = 0;
  const day = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
  const report = (p: BackfillProgress): void => {
    const seconds = ((Date.now() - startedMs) / 1000).toFixed(0);
    if (p.phase === 'skipped') {
      options.say(`history: ${p.posts} posts from ${day(p.fromMs)} already backfilled (.local/history.json)`);
      return;
    }
    if (p.phase === 'done') {
      options.say(
        `history: ${p.posts} posts from ${day(p.fromMs)} to ${day(p.toMs)} backfilled and loaded in ${seconds} s`,
      );
      options.logger.info('history backfilled', { posts: p.posts, seconds: Number(seconds) });
      return;
    }
    // At most one line every 5 s: the status line has the live figures.
    if (Date.now() - lastLine < 5_000 && p.sent < p.posts) return;
    lastLine = Date.now();
    options.say(
      p.phase === 'sending'
        ? `history: sent ${p.sent}/${p.posts} posts (${day(p.fromMs)} to ${day(p.toMs)}, ${seconds} s)`
        : `history: ${p.loaded}/${p.posts} posts loaded (${seconds} s)`,
    );
  };
  const finished = backfillHistory({
    markerFile: path.join(options.dir, 'history.json'),
    seed: options.seed,
    days: options.days,
    postsPerDay: options.postsPerDay,
    timeZone: options.timeZone,
    producer: options.producer,
    countLoaded: (range) => counter.count(range),
    onProgress: report,
    now: Date.now,
    sleep: (ms) => sleep(ms, stop.signal),
    signal: stop.signal,
  })
    .catch((error: unknown) => {
      options.logger.error('history backfill failed', { error: String(error) });
      options.say(`history: backfill failed (${String(error)}); it runs again at the next start`);
      return undefined;
    })
    .finally(() => counter.close().catch(() => undefined));
  return {
    finished,
    stop: async () => {
      stop.abort();
      await finished;
    },
  };
}
