// The sample source: the producer's generated tweets about the policy, paced, as collected posts of source `sample`.
import { sleep } from '../../common/sleep';
import type { CollectedPost } from '../collected-post';
import { emptySourceStats, type PostSourceRun, type SourceStats } from '../source-stats';
import { TweetSample } from '../../producer/samples/tweet-sample';

export class SamplePosts implements PostSourceRun<CollectedPost> {
  public readonly stats: SourceStats = emptySourceStats();

  /** `runTag` prefixes ids so two runs never share a post key (the generator's ids repeat across seeds). */
  public constructor(
    private readonly ratePerSecond: number,
    private readonly seed: number,
    private readonly runTag: string,
  ) {}

  public async *posts(signal: AbortSignal): AsyncGenerator<CollectedPost> {
    const tweets = new TweetSample(this.seed);
    const started = Date.now();
    for (let n = 0; !signal.aborted; n += 1) {
      await sleep(started + (n * 1_000) / this.ratePerSecond - Date.now(), signal);
      if (signal.aborted) return;
      const t = tweets.next();
      yield {
        source: 'sample',
        id: `${this.runTag}-${t.id}`,
        text: t.text,
        created_at: new Date().toISOString(),
        lang: t.lang,
        user: t.user,
        hashtags: t.hashtags,
      };
    }
  }
}
