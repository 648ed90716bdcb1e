// Pure rule relative to normal: the last hour's negative share above the same hours of the previous days by a margin, with a minimum count.
import type { LabelCount, TimeRange } from '../posts/post-reader';

export interface ShareRuleOptions {
  /** Percentage points the last hour's share must exceed the baseline share by (strictly). */
  readonly marginPoints: number;
  /** The last hour needs at least this many NEGATIVE posts: a quiet hashtag's 2 of 3 is no alert. */
  readonly minNegative: number;
  /** Minimum time between two alerts of this rule (the burst detector's cooldown). */
  readonly cooldownMs: number;
}

/** One alert per episode: firing until the condition no longer holds, then the cooldown. */
export interface ShareRuleState {
  readonly firing: boolean;
  readonly lastAlertMs: number | null;
}

export interface ShareFinding {
  readonly fromMs: number;
  readonly toMs: number;
  readonly negative: number;
  readonly scored: number;
  readonly share: number;
  readonly baselineNegative: number;
  readonly baselineScored: number;
  readonly baselineShare: number;
  readonly baselineDays: number;
  readonly marginPoints: number;
}

export const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
/** "The same hours of the previous 7 days" (issue 22). */
export const BASELINE_DAYS = 7;

/**
 * The ranges the rule reads, in order: the last hour [now - 1 h, now), then the same hour 1..7 days before (24 h
 * multiples, so across a daylight-saving change that day's hour is one local hour off).
 */
export function shareRuleRanges(nowMs: number): TimeRange[] {
  return Array.from({ length: BASELINE_DAYS + 1 }, (_, day) => ({
    fromMs: nowMs - HOUR_MS - day * DAY_MS,
    toMs: nowMs - day * DAY_MS,
  }));
}

export class NegativeShareRule {
  private firing = false;
  private lastAlertMs: number | undefined;

  public constructor(
    private readonly options: ShareRuleOptions,
    state?: ShareRuleState,
  ) {
    if (!(options.marginPoints >= 0 && options.minNegative >= 1 && options.cooldownMs >= 0))
      throw new RangeError('invalid share rule options');
    if (state !== undefined) {
      this.firing = state.firing;
      this.lastAlertMs = state.lastAlertMs ?? undefined;
    }
  }

  public state(): ShareRuleState {
    return { firing: this.firing, lastAlertMs: this.lastAlertMs ?? null };
  }

  /**
   * `counts` are PostReader.countByLabelInRanges(shareRuleRanges(nowMs)): each row's bucketMs is its range's fromMs.
   * Shares are NEGATIVE / scored (every label but UNSCORED); the baseline pools the previous days' posts. No
   * baseline posts means no notion of normal: the rule stays quiet.
   */
  public evaluate(counts: readonly LabelCount[], nowMs: number): ShareFinding | undefined {
    const [hour, ...baseline] = shareRuleRanges(nowMs);
    const tally = (ranges: readonly TimeRange[]): { negative: number; scored: number } => {
      const starts = new Set(ranges.map((r) => r.fromMs));
      let negative = 0;
      let scored = 0;
      for (const c of counts) {
        if (!starts.has(c.bucketMs) || c.label === 'UNSCORED') continue;
        scored += c.posts;
        if (c.label === 'NEGATIVE') negative += c.posts;
      }
      return { negative, scored };
    };
    const now = tally([hour!]);
    const before = tally(baseline);
    const share = now.scored === 0 ? 0 : now.negative / now.scored;
    const baselineShare = before.scored === 0 ? 0 : before.negative / before.scored;
    const above =
      now.negative >= this.options.minNegative &&
      before.scored > 0 &&
      // share - baselineShare > margin, cross-multiplied so whole counts compare exactly (no 0.45 - 0.25 = 0.2000...04).
      100 * (now.negative * before.scored - before.negative * now.scored) >
        this.options.marginPoints * now.scored * before.scored;
    if (this.firing) {
      if (!above) this.firing = false;
      return undefined;
    }
    if (!above) return undefined;
    if (this.lastAlertMs !== undefined && nowMs - this.lastAlertMs < this.options.cooldownMs) return undefined;
    this.firing = true;
    this.lastAlertMs = nowMs;
    return {
      fromMs: hour!.fromMs,
      toMs: hour!.toMs,
      negative: now.negative,
      scored: now.scored,
      share,
      baselineNegative: before.negative,
      baselineScored: before.scored,
      baselineShare,
      baselineDays: BASELINE_DAYS,
      marginPoints: this.options.marginPoints,
    };
  }
}
