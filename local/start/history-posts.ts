// Pure: a seeded history of posts for `npm start` to backfill: a daily rhythm, quieter weekends, topics that rise and fall, evening bursts of complaints, mostly Spanish.
import { DateTime } from 'luxon';
import { SeededRandom } from '../../producer/samples/seeded-random';
import { EMOJI, HANDLES, HASHTAGS, PHRASES, type Sentiment } from '../../producer/samples/tweet-phrases';
import type { SampleRecord } from '../../producer/samples/sample-source';
import { HISTORY_TOPICS, type HistoryTopic } from './history-topics';

export interface HistoryOptions {
  readonly seed: number;
  /** The history ends here (exclusive), epoch ms; it covers the `days` local days before. */
  readonly endMs: number;
  readonly days: number;
  /** Posts on an average weekday (weekends have fewer). */
  readonly postsPerDay: number;
  /** IANA zone of the daily rhythm (people post by their local clock). */
  readonly timeZone: string;
}

export interface HistoryPost {
  readonly createdAtMs: number;
  readonly record: SampleRecord;
}

/** The `source` field of every backfilled post: the views and the report can tell the history from live data. */
export const HISTORY_SOURCE = 'backfill';

/** Share of posts per local hour (0-23): quiet nights, a morning commute peak, an evening peak. */
const HOURLY = [1, 0.6, 0.4, 0.3, 0.3, 0.6, 1.5, 3.5, 5.5, 5, 4, 4, 4.5, 4.5, 3.5, 3.5, 4, 5, 6, 6.5, 5.5, 4.5, 3, 2];
/** Weekends: fewer posts, later mornings. */
const HOURLY_WEEKEND = [
  1.5, 1, 0.6, 0.4, 0.3, 0.3, 0.5, 1, 2, 3, 4, 5, 5.5, 5.5, 5, 4.5, 4.5, 4.5, 5, 5, 4.5, 4, 3, 2.5,
];
const WEEKEND_VOLUME = 0.6;
/** Background sentiment on the hashtag outside topics and bursts. */
const BASE_MIX: readonly [Sentiment, number][] = [
  ['negative', 0.3],
  ['positive', 0.35],
  ['neutral', 0.35],
];
const SPANISH_SHARE = 0.7;
/** The recurring burst: weekday evenings, this many complaints within a few minutes (what the alert is for). */
const BURST_POSTS = 8;
const BURST_TEXTS: Readonly<Record<'en' | 'es', readonly string[]>> = {
  en: [
    'Stuck again at the zone boundary, terrible traffic and the buses are awful',
    'Fined again by the zone cameras, a total disaster and unfair',
  ],
  es: [
    'Otra vez atascado en el límite de la ZBE, el tráfico es horrible y el autobús un desastre',
    'Otra multa de las cámaras de la ZBE, una vergüenza y un fracaso total',
  ],
};

/** The history's posts in time order; the same options give the same posts (ids, texts, times). */
export function historyPosts(options: HistoryOptions): HistoryPost[] {
  const random = new SeededRandom(options.seed);
  const zone = options.timeZone;
  const end = DateTime.fromMillis(options.endMs, { zone });
  const firstDay = end.startOf('day').minus({ days: options.days });
  const posts: { createdAtMs: number; lang: 'en' | 'es'; body: string }[] = [];
  for (let day = 0; day <= options.days; day += 1) {
    const date = firstDay.plus({ days: day });
    const weekend = date.weekday >= 6;
    const volume = options.postsPerDay * (weekend ? WEEKEND_VOLUME : 1) * (0.85 + 0.3 * random.next());
    const hourly = weekend ? HOURLY_WEEKEND : HOURLY;
    const hourSum = hourly.reduce((a, b) => a + b, 0);
    const progress = day / Math.max(1, options.days); // 0 at the start of the history, 1 today
    for (let hour = 0; hour < 24; hour += 1) {
      const count = poisson(random, (volume * hourly[hour]!) / hourSum);
      const hourStartMs = date.set({ hour }).toMillis();
      for (let i = 0; i < count; i += 1) {
        const at = hourStartMs + Math.floor(random.next() * 3_600_000);
        const lang = random.chance(SPANISH_SHARE) ? 'es' : 'en';
        posts.push({ createdAtMs: at, lang, body: postBody(random, lang, progress) });
      }
    }
    if (!weekend) {
      const start = date
        .set({ hour: 18 })
        .plus({ minutes: random.int(0, 50) })
        .toMillis();
      for (let i = 0; i < BURST_POSTS; i += 1) {
        const lang = random.chance(0.6) ? 'es' : 'en';
        const body = `${random.pick(BURST_TEXTS[lang])} ${random.pick(['😡', '🤬', '👎'])}`;
        posts.push({ createdAtMs: start + i * random.int(10_000, 25_000), lang, body });
      }
    }
  }
  const inRange = posts.filter((p) => p.createdAtMs >= firstDay.toMillis() && p.createdAtMs < options.endMs);
  inRange.sort((a, b) => a.createdAtMs - b.createdAtMs);
  return inRange.map((p, index) => ({ createdAtMs: p.createdAtMs, record: toRecord(random, p, index) }));
}

/** A topic post when a topic wins the draw (its weight follows its curve over the history), else a background post. */
function postBody(random: SeededRandom, lang: 'en' | 'es', progress: number): string {
  const weights = HISTORY_TOPICS.map((topic) => topic.weight(progress));
  const topicShare = weights.reduce((a, b) => a + b, 0);
  let u = random.next();
  let topic: HistoryTopic | undefined;
  for (let i = 0; i < HISTORY_TOPICS.length && topic === undefined; i += 1) {
    if (u < weights[i]!) topic = HISTORY_TOPICS[i];
    else u -= weights[i]!;
  }
  if (topic !== undefined && u < topicShare) {
    const emoji = random.chance(0.5) ? ` ${random.pick(EMOJI[topic.sentiment])}` : '';
    return `${random.pick(topic.texts[lang])}${emoji}`;
  }
  const sentiment = pick(random.next(), BASE_MIX);
  const emoji = Array.from({ length: random.int(0, 2) }, () => random.pick(EMOJI[sentiment])).join('');
  return `${random.pick(PHRASES[lang][sentiment])}${emoji === '' ? '' : ` ${emoji}`}`;
}

function toRecord(random: SeededRandom, post: { createdAtMs: number; lang: 'en' | 'es'; body: string }, index: number) {
  const tags = [HASHTAGS[post.lang][0]!, ...(random.chance(0.5) ? [random.pick(HASHTAGS[post.lang].slice(1))] : [])];
  const user = `${random.pick(HANDLES)}${random.int(1, 400)}`;
  // Twitter-style snowflake from the post time plus its place in the history: the same history, the same ids.
  const id = ((BigInt(post.createdAtMs) - 1_288_834_974_657n) << 22n) + BigInt(index % 4_096);
  const tweet = {
    id: id.toString(),
    text: `${post.body} ${tags.map((t) => `#${t}`).join(' ')}`,
    lang: post.lang,
    created_at: new Date(post.createdAtMs).toISOString(),
    user,
    hashtags: tags,
    source: HISTORY_SOURCE,
  };
  return { partitionKey: user, data: JSON.stringify(tweet) };
}

/** Knuth's method for small means; a normal approximation above 30 (exp(-mean) would underflow). */
function poisson(random: SeededRandom, mean: number): number {
  if (mean > 30) {
    const gauss = Math.sqrt(-2 * Math.log(1 - random.next())) * Math.cos(2 * Math.PI * random.next());
    return Math.max(0, Math.round(mean + Math.sqrt(mean) * gauss));
  }
  const limit = Math.exp(-mean);
  let k = 0;
  let p = random.next();
  while (p > limit) {
    k += 1;
    p *= random.next();
  }
  return k;
}

function pick<T>(u: number, weights: readonly [T, number][]): T {
  let acc = 0;
  for (const [value, weight] of weights) {
    acc += weight;
    if (u < acc) return value;
  }
  return weights[weights.length - 1]![0];
}
