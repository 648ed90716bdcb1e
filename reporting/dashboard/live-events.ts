// Server-sent events for views relative to now: one cheap change check per tick for all pages, one summary per changed view.
import type * as http from 'node:http';
import { describeError } from '../../common/errors';
import type { Logger } from '../../common/logger';
import type { SelectionReader } from '../posts/selection-reader';
import type { DashboardViews } from './dashboard-views';
import type { DashboardView } from './view-params';

interface Subscriber {
  readonly res: http.ServerResponse;
  /** Re-reads the view at the current time (a relative view moves with the clock). */
  readonly view: () => DashboardView;
}

export interface LiveEventsOptions {
  /** How often the newest load is checked (ms): a row is pushed within this plus one query. */
  readonly tickMs: number;
  /** A summary is pushed at least this often even without new rows (the window moves). */
  readonly idlePushMs: number;
}

/**
 * Each tick asks the reader for the newest loaded_at (one indexed query, whatever the number of pages). When it moved
 * (or idlePushMs passed), each distinct subscribed view is summarised once (and stored in the shared cache) and pushed
 * as `event: summary` to its pages, which then refetch posts and terms from the same cache.
 */
export class LiveEvents {
  private readonly subscribers = new Map<string, Set<Subscriber>>();
  private timer: NodeJS.Timeout | undefined;
  private lastLoadMs: number | null | undefined;
  private lastPushMs = 0;
  private ticking = false;

  public constructor(
    private readonly reader: SelectionReader,
    private readonly views: DashboardViews,
    private readonly options: LiveEventsOptions,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  public subscribe(key: string, res: http.ServerResponse, view: () => DashboardView): void {
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    res.write(`retry: ${this.options.tickMs * 2}\n\n`);
    const subscriber: Subscriber = { res, view };
    const set = this.subscribers.get(key) ?? new Set();
    set.add(subscriber);
    this.subscribers.set(key, set);
    res.on('close', () => {
      set.delete(subscriber);
      if (set.size === 0) this.subscribers.delete(key);
      if (this.subscribers.size === 0) this.stop();
    });
    void this.push(key, set);
    this.timer ??= setInterval(() => void this.tick(), this.options.tickMs);
  }

  public get viewers(): number {
    let n = 0;
    for (const set of this.subscribers.values()) n += set.size;
    return n;
  }

  public close(): void {
    this.stop();
    for (const set of this.subscribers.values()) for (const s of set) s.res.end();
    this.subscribers.clear();
  }

  private stop(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
  }

  private async tick(): Promise<void> {
    if (this.ticking) return;
    this.ticking = true;
    try {
      const newest = await this.reader.newestLoadMs();
      const moved = newest !== this.lastLoadMs;
      this.lastLoadMs = newest;
      if (!moved && this.now() - this.lastPushMs < this.options.idlePushMs) return;
      this.lastPushMs = this.now();
      await Promise.all([...this.subscribers].map(([key, set]) => this.push(key, set)));
    } catch (error: unknown) {
      this.logger.warn('live check failed', { error: describeError(error) });
    } finally {
      this.ticking = false;
    }
  }

  private async push(key: string, set: ReadonlySet<Subscriber>): Promise<void> {
    const first = set.values().next().value;
    if (first === undefined) return;
    try {
      const summary = await this.views.summary(first.view(), true);
      const data = `event: summary\ndata: ${JSON.stringify(summary)}\n\n`;
      for (const s of this.subscribers.get(key) ?? []) s.res.write(data);
    } catch (error: unknown) {
      this.logger.warn('live summary failed', { error: describeError(error) });
      for (const s of set)
        s.res.write(`event: failure\ndata: ${JSON.stringify({ error: 'posts table unavailable' })}\n\n`);
    }
  }
}
