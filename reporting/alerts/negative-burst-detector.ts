// Pure sliding-window detector: more than `threshold` distinct negative posts within any `windowMs` -> one alert per burst (plus a cooldown).
import { postIdentity, type NegativePostEvent } from './burst-alert';

export interface BurstDetectorOptions {
  /** Alert when a window holds MORE than this many distinct negative posts. */
  readonly threshold: number;
  readonly windowMs: number;
  /** Minimum time between two alerts, so a burst that dips and resumes does not page twice. */
  readonly cooldownMs: number;
  /** How late (after its post time) a post may still be counted; older events are forgotten. */
  readonly latenessMs: number;
}

/** Post times [fromMs, toMs] (both inclusive) an alert has covered: their posts never count towards another alert. */
export interface CoveredWindow {
  readonly fromMs: number;
  readonly toMs: number;
}

/** What must survive a restart so a burst already alerted is not alerted again (the posts themselves are re-read). */
export interface DetectorState {
  readonly firing: boolean;
  readonly lastAlertMs: number | null;
  /** Windows of alerts still within reach of a late post (older ones are dropped). */
  readonly covered: readonly CoveredWindow[];
}

/** A burst found: its distinct posts, oldest first, none of them inside an alerted window. */
export interface BurstFinding {
  readonly posts: readonly NegativePostEvent[];
  readonly detectedAtMs: number;
  readonly threshold: number;
  readonly windowMs: number;
}

export const DEFAULT_BURST_OPTIONS: BurstDetectorOptions = Object.freeze({
  threshold: 3,
  windowMs: 5 * 60_000,
  cooldownMs: 10 * 60_000,
  latenessMs: 10 * 60_000,
});

/**
 * A burst starts when some window of length windowMs (posts strictly less than windowMs apart) holds more than
 * `threshold` distinct posts (by source and post id) that lie outside every window already alerted. The alert
 * covers its window; while the burst lasts (until a poll finds `threshold` or fewer posts in the trailing window at
 * `now`) the covered window grows to the newest post seen. Only after it ends and the cooldown has passed can
 * another alert fire, and it needs new posts: a late-loaded post of an alerted burst never raises a second alert
 * (issue 25 item 7).
 */
export class NegativeBurstDetector {
  private events: NegativePostEvent[] = [];
  private readonly seen = new Set<string>();
  private firing = false;
  private lastAlertMs: number | undefined;
  private covered: CoveredWindow[] = [];

  public constructor(
    private readonly options: BurstDetectorOptions = DEFAULT_BURST_OPTIONS,
    state?: DetectorState,
  ) {
    if (!(options.threshold >= 0 && options.windowMs > 0 && options.cooldownMs >= 0 && options.latenessMs >= 0))
      throw new RangeError('invalid burst detector options');
    if (state !== undefined) {
      this.firing = state.firing;
      this.lastAlertMs = state.lastAlertMs ?? undefined;
      this.covered = state.covered.map((w) => ({ ...w }));
    }
  }

  public state(): DetectorState {
    return { firing: this.firing, lastAlertMs: this.lastAlertMs ?? null, covered: this.covered.map((w) => ({ ...w })) };
  }

  /** Adds newly seen negative posts (a post seen again, under any record identity, is ignored); a finding when a new burst starts. */
  public observe(posts: readonly NegativePostEvent[], nowMs: number): BurstFinding | undefined {
    const horizon = nowMs - this.options.windowMs - this.options.latenessMs;
    this.forgetBefore(horizon);
    for (const post of posts) {
      const identity = postIdentity(post);
      if (this.seen.has(identity) || post.atMs < horizon) continue;
      this.seen.add(identity);
      this.events.push(post);
    }
    this.events.sort((a, b) => a.atMs - b.atMs);
    if (this.firing) {
      // Over once the trailing window holds threshold or fewer: what arrives then is not the old burst's.
      if (this.trailingCount(nowMs) <= this.options.threshold) this.firing = false;
      else this.extendCoverage();
      return undefined;
    }
    if (this.lastAlertMs !== undefined && nowMs - this.lastAlertMs < this.options.cooldownMs) return undefined;
    const burst = this.densestNewWindow();
    if (burst === undefined) return undefined;
    this.firing = true;
    this.lastAlertMs = nowMs;
    this.covered.push({ fromMs: burst[0]!.atMs, toMs: burst[burst.length - 1]!.atMs });
    return { posts: burst, detectedAtMs: nowMs, threshold: this.options.threshold, windowMs: this.options.windowMs };
  }

  /** While the burst lasts, its covered window reaches the newest post seen. */
  private extendCoverage(): void {
    const last = this.covered.at(-1);
    const newest = this.events.at(-1)?.atMs;
    if (last !== undefined && newest !== undefined && newest > last.toMs)
      this.covered[this.covered.length - 1] = { fromMs: last.fromMs, toMs: newest };
  }

  private trailingCount(nowMs: number): number {
    return this.events.filter((e) => e.atMs > nowMs - this.options.windowMs && e.atMs <= nowMs).length;
  }

  private isCovered(atMs: number): boolean {
    return this.covered.some((w) => atMs >= w.fromMs && atMs <= w.toMs);
  }

  /** The window with the most uncovered posts, among those holding more than threshold of them. */
  private densestNewWindow(): NegativePostEvent[] | undefined {
    const fresh = this.events.filter((e) => !this.isCovered(e.atMs));
    let best: NegativePostEvent[] | undefined;
    let start = 0;
    for (let end = 0; end < fresh.length; end += 1) {
      const endMs = fresh[end]!.atMs;
      while (endMs - fresh[start]!.atMs >= this.options.windowMs) start += 1;
      const size = end - start + 1;
      if (size > this.options.threshold && size > (best?.length ?? 0)) best = fresh.slice(start, end + 1);
    }
    return best;
  }

  private forgetBefore(ms: number): void {
    for (const e of this.events) if (e.atMs < ms) this.seen.delete(postIdentity(e));
    this.events = this.events.filter((e) => e.atMs >= ms);
    this.covered = this.covered.filter((w) => w.toMs >= ms);
  }
}
