// Deterministic sample tweets about a low-emission-zone policy: English and Spanish, emoji, a mix of positive, negative and neutral.
import { SeededRandom } from './seeded-random';
import { EMOJI, HANDLES, HASHTAGS, PHRASES, type Sentiment } from './tweet-phrases';

/** The post shape the consumer reads: id string, ISO-8601 created_at. */
export interface SampleTweet {
  readonly id: string;
  readonly text: string;
  readonly lang: 'en' | 'es';
  readonly created_at: string;
  readonly user: string;
  readonly hashtags: readonly string[];
}

/** Roughly what a policy hashtag attracts: more heat than praise, a steady share of questions and news. */
const SENTIMENT_MIX: readonly [Sentiment, number][] = [
  ['negative', 0.4],
  ['positive', 0.3],
  ['neutral', 0.3],
];
const SPANISH_SHARE = 0.6;

export class TweetSample {
  private readonly random: SeededRandom;
  private sequence = 0;

  /** `startMs` is the created_at of the first tweet; each next one is 0-2 s later. */
  public constructor(
    seed = 42,
    private clockMs = Date.UTC(2025, 0, 15, 8, 0, 0),
  ) {
    this.random = new SeededRandom(seed);
  }

  public next(): SampleTweet {
    const r = this.random;
    const lang = r.chance(SPANISH_SHARE) ? 'es' : 'en';
    const sentiment = pickWeighted(r.next(), SENTIMENT_MIX);
    const tags = [HASHTAGS[lang][0], ...(r.chance(0.5) ? [r.pick(HASHTAGS[lang].slice(1))] : [])];
    const emoji = Array.from({ length: r.int(0, 2) }, () => r.pick(EMOJI[sentiment])).join('');
    const text = `${r.pick(PHRASES[lang][sentiment])}${emoji === '' ? '' : ` ${emoji}`} ${tags.map((t) => `#${t}`).join(' ')}`;
    this.clockMs += r.int(0, 2_000);
    this.sequence += 1;
    return {
      id: String(1_879_000_000_000_000_000n + BigInt(this.sequence) * 7_919n + BigInt(r.int(0, 7_000))),
      text,
      lang,
      created_at: new Date(this.clockMs).toISOString(),
      user: `${r.pick(HANDLES)}${r.int(1, 400)}`,
      hashtags: tags,
    };
  }
}

function pickWeighted<T>(u: number, weights: readonly [T, number][]): T {
  let acc = 0;
  for (const [value, weight] of weights) {
    acc += weight;
    if (u < acc) return value;
  }
  return weights[weights.length - 1][0];
}
