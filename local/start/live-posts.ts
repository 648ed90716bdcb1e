// Live sample posts for `npm start`: current post times (some minutes late), a steady rate for one city hashtag, and a seeded recurring negative burst.
import { SeededRandom } from '../../producer/samples/seeded-random';
import { EMOJI, HANDLES, HASHTAGS, PHRASES, type Sentiment } from '../../producer/samples/tweet-phrases';
import type { SampleRecord } from '../../producer/samples/sample-source';

export interface LivePostsOptions {
  readonly seed: number;
  /** Posts per minute outside bursts (default 3: a policy hashtag in one city). */
  readonly postsPerMinute: number;
  /** A burst of clearly negative posts every this many ms (0: none); the first one `firstBurstAfterMs` after start. */
  readonly burstEveryMs: number;
  readonly firstBurstAfterMs: number;
  /** Negative posts per burst and the spacing between them, ms. */
  readonly burstSize: number;
  readonly burstSpacingMs: number;
  /** Share of posts that arrive late, and how late (created_at this far before they are sent), ms. */
  readonly lateShare: number;
  readonly maxLatenessMs: number;
}

export const LIVE_POSTS_DEFAULTS: LivePostsOptions = Object.freeze({
  seed: 2026,
  postsPerMinute: 3,
  burstEveryMs: 10 * 60_000,
  firstBurstAfterMs: 40_000,
  burstSize: 6,
  burstSpacingMs: 4_000,
  lateShare: 0.15,
  maxLatenessMs: 4 * 60_000,
});

/** Outside bursts a post is mostly calm: a burst is what the alert exists for, so the baseline stays below its threshold. */
const BASELINE_MIX: readonly [Sentiment, number][] = [
  ['positive', 0.5],
  ['neutral', 0.46],
  ['negative', 0.04],
];

/** Complaints a lexicon scorer (and Comprehend) reads as NEGATIVE without doubt. */
const BURST_TEXTS: Readonly<Record<'en' | 'es', readonly string[]>> = {
  en: [
    'The low emission zone is a disaster. Fined again, terrible and unfair',
    'I hate this zone, traffic is horrible and the buses are awful',
    'Worst policy ever, my shop is losing customers, a total failure',
  ],
  es: ['Odio la ZBE, el tráfico es terrible y el metro un caos', 'La peor medida del ayuntamiento, un fracaso total'],
};
const BURST_EMOJI = ['😡', '🤬', '👎'];

/** One planned post: when to send it and the record to send. */
export interface PlannedPost {
  readonly sendAtMs: number;
  readonly burst: boolean;
  readonly record: SampleRecord;
}

/**
 * Plans posts tick by tick. `due(nowMs)` returns the posts whose send time has come; the same seed,
 * start time and ticks give the same posts. Post ids are snowflake-like (derived from the time), so a
 * second run with the same seed still sends posts the sinks have not seen.
 */
export class LivePosts {
  private readonly random: SeededRandom;
  private nextBaselineMs: number;
  private nextBurstMs: number;
  private queue: PlannedPost[] = [];
  private sequence = 0;

  public constructor(
    startMs: number,
    private readonly options: LivePostsOptions = LIVE_POSTS_DEFAULTS,
  ) {
    this.random = new SeededRandom(options.seed);
    this.nextBaselineMs = startMs + this.gap();
    this.nextBurstMs = options.burstEveryMs > 0 ? startMs + options.firstBurstAfterMs : Number.POSITIVE_INFINITY;
  }

  public due(nowMs: number): PlannedPost[] {
    while (this.options.postsPerMinute > 0 && this.nextBaselineMs <= nowMs) {
      this.queue.push(this.baseline(this.nextBaselineMs));
      this.nextBaselineMs += this.gap();
    }
    while (this.nextBurstMs <= nowMs) {
      for (let i = 0; i < this.options.burstSize; i += 1)
        this.queue.push(this.burstPost(this.nextBurstMs + i * this.options.burstSpacingMs));
      this.nextBurstMs += this.options.burstEveryMs;
    }
    this.queue.sort((a, b) => a.sendAtMs - b.sendAtMs);
    const ready = this.queue.filter((p) => p.sendAtMs <= nowMs);
    this.queue = this.queue.filter((p) => p.sendAtMs > nowMs);
    return ready;
  }

  /** Exponential gaps: a Poisson stream at postsPerMinute. */
  private gap(): number {
    const perMs = this.options.postsPerMinute / 60_000;
    return perMs <= 0 ? Number.POSITIVE_INFINITY : Math.max(1, Math.round(-Math.log(1 - this.random.next()) / perMs));
  }

  private baseline(sendAtMs: number): PlannedPost {
    const r = this.random;
    const lang = r.chance(0.6) ? 'es' : 'en';
    const sentiment = pick(r.next(), BASELINE_MIX);
    const emoji = Array.from({ length: r.int(0, 2) }, () => r.pick(EMOJI[sentiment])).join('');
    const late = r.chance(this.options.lateShare) ? r.int(30_000, this.options.maxLatenessMs) : 0;
    return {
      sendAtMs,
      burst: false,
      record: this.post(lang, `${r.pick(PHRASES[lang][sentiment])}${emoji === '' ? '' : ` ${emoji}`}`, sendAtMs - late),
    };
  }

  private burstPost(sendAtMs: number): PlannedPost {
    const r = this.random;
    const lang = r.chance(0.5) ? 'es' : 'en';
    return {
      sendAtMs,
      burst: true,
      record: this.post(lang, `${r.pick(BURST_TEXTS[lang])} ${r.pick(BURST_EMOJI)}`, sendAtMs),
    };
  }

  private post(lang: 'en' | 'es', body: string, createdAtMs: number): SampleRecord {
    const r = this.random;
    const tags = [HASHTAGS[lang][0]!, ...(r.chance(0.5) ? [r.pick(HASHTAGS[lang].slice(1))] : [])];
    const user = `${r.pick(HANDLES)}${r.int(1, 400)}`;
    this.sequence += 1;
    // Twitter-style snowflake: milliseconds since its epoch, shifted, plus a sequence: unique per run and ordered by time.
    const id = ((BigInt(createdAtMs) - 1_288_834_974_657n) << 22n) + BigInt(this.sequence % 4_096);
    const tweet = {
      id: id.toString(),
      text: `${body} ${tags.map((t) => `#${t}`).join(' ')}`,
      lang,
      created_at: new Date(createdAtMs).toISOString(),
      user,
      hashtags: tags,
      source: 'sample',
    };
    return { partitionKey: user, data: JSON.stringify(tweet) };
  }
}

function pick<T>(u: number, weights: readonly [T, number][]): T {
  let acc = 0;
  for (const [value, weight] of weights) {
    acc += weight;
    if (u < acc) return value;
  }
  return weights[weights.length - 1]![0];
}
