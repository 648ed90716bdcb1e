// Pure sliding-window detector: more than `threshold` negative posts within any `windowMs` -> one alert per burst (plus a cooldown).
import type { BurstAlert, NegativePostEvent } from './burst-alert';

export interface BurstDetectorOptions {
  /** Alert when a window holds MORE than this many negative posts. */
  readonly threshold: number;
  readonly windowMs: number;
  /** Minimum time between two alerts, so a burst that dips and resumes does not page twice. */
  readonly cooldownMs: number;
  /** How late (after its post time) a post may still be counted; older events are forgotten. */
  readonly latenessMs: number;
}

/** What must survive a restart so a burst already alerted is not alerted again (the posts themselves are re-read). */
export interface DetectorState {
  readonly firing: boolean;
  readonly lastAlertMs: number | null;
  readonly coveredThroughMs: number | null;
}

export const DEFAULT_BURST_OPTIONS: BurstDetectorOptions = Object.freeze({
  threshold: 3,
  windowMs: 5 * 60_000,
  cooldownMs: 10 * 60_000,
  latenessMs: 10 * 60_000,
});

/**
 * A burst starts when some window of length windowMs (a post within windowMs of another: strictly
 * less apart) holds more than `threshold` posts, at least one of them not yet part of an alerted
 * burst. It lasts until the trailing window at `now` holds `threshold` or fewer; only then, and after
 * the cooldown, can another alert fire.
 */
export class NegativeBurstDetector {
  private events: NegativePostEvent[] = [];
  private readonly seen = new Set<string>();
  private firing = false;
  private lastAlertMs: number | undefined;
  /** Posts up to this time belong to a burst already alerted. */
  private coveredThroughMs = Number.NEGATIVE_INFINITY;

  public constructor(
    private readonly options: BurstDetectorOptions = DEFAULT_BURST_OPTIONS,
    state?: DetectorState,
  ) {
    if (!(options.threshold >= 0 && options.windowMs > 0 && options.cooldownMs >= 0 && options.latenessMs >= 0))
      throw new RangeError('invalid burst detector options');
    if (state !== undefined) {
      this.firing = state.firing;
      this.lastAlertMs = state.lastAlertMs ?? undefined;
      this.coveredThroughMs = state.coveredThroughMs ?? Number.NEGATIVE_INFINITY;
    }
  }

  public state(): DetectorState {
    return {
      firing: this.firing,
      lastAlertMs: this.lastAlertMs ?? null,
      coveredThroughMs: Number.isFinite(this.coveredThroughMs) ? this.coveredThroughMs : null,
    };
  }

  /** Adds newly seen negative posts (duplicates ignored) and returns an alert when a new burst is found at `nowMs`. */
  public observe(posts: readonly NegativePostEvent[], nowMs: number): BurstAlert | undefined {
    this.forgetBefore(nowMs - this.options.windowMs - this.options.latenessMs);
    const horizon = nowMs - this.options.windowMs - this.options.latenessMs;
    for (const post of posts) {
      if (this.seen.has(post.key) || post.atMs < horizon) continue;
      this.seen.add(post.key);
      this.events.push(post);
    }
    this.events.sort((a, b) => a.atMs - b.atMs);
    if (this.firing) {
      this.coveredThroughMs = Math.max(this.coveredThroughMs, this.events.at(-1)?.atMs ?? this.coveredThroughMs);
      if (this.trailingCount(nowMs) <= this.options.threshold) this.firing = false;
      return undefined;
    }
    if (this.lastAlertMs !== undefined && nowMs - this.lastAlertMs < this.options.cooldownMs) return undefined;
    const burst = this.densestNewWindow();
    if (burst === undefined) return undefined;
    this.firing = true;
    this.lastAlertMs = nowMs;
    this.coveredThroughMs = Math.max(this.coveredThroughMs, this.events.at(-1)?.atMs ?? nowMs);
    return this.alertFor(burst, nowMs);
  }

  private trailingCount(nowMs: number): number {
    return this.events.filter((e) => e.atMs > nowMs - this.options.windowMs && e.atMs <= nowMs).length;
  }

  /** The window with the most posts among those above threshold whose newest post is not yet covered. */
  private densestNewWindow(): NegativePostEvent[] | undefined {
    let best: NegativePostEvent[] | undefined;
    let start = 0;
    for (let end = 0; end < this.events.length; end += 1) {
      const endMs = this.events[end]!.atMs;
      while (endMs - this.events[start]!.atMs >= this.options.windowMs) start += 1;
      const size = end - start + 1;
      if (endMs > this.coveredThroughMs && size > this.options.threshold && size > (best?.length ?? 0))
        best = this.events.slice(start, end + 1);
    }
    return best;
  }

  private forgetBefore(ms: number): void {
    const kept = this.events.filter((e) => e.atMs >= ms);
    for (const e of this.events) if (e.atMs < ms) this.seen.delete(e.key);
    this.events = kept;
  }

  private alertFor(window: readonly NegativePostEvent[], nowMs: number): BurstAlert {
    const iso = (ms: number): string => new Date(ms).toISOString();
    return {
      kind: 'negative-burst',
      detectedAt: iso(nowMs),
      negativePosts: window.length,
      windowStart: iso(window[0]!.atMs),
      windowEnd: iso(window[window.length - 1]!.atMs),
      threshold: this.options.threshold,
      windowMinutes: this.options.windowMs / 60_000,
      examples: [...window]
        .reverse()
        .slice(0, 5)
        .map((e) => ({ postId: e.postId, user: e.user, postedAt: iso(e.atMs), text: e.text })),
    };
  }
}
