// Unit tests of the live sample posts: current times with some late, the seeded schedule, the negative burst the alert must catch.
import { expect } from 'chai';
import { LIVE_POSTS_DEFAULTS, LivePosts } from '../../../../local/start/live-posts';

const START = Date.UTC(2026, 10, 30, 9, 0, 0);

interface Tweet {
  id: string;
  text: string;
  created_at: string;
}
const tweets = (posts: ReturnType<LivePosts['due']>): (Tweet & { sendAtMs: number; burst: boolean })[] =>
  posts.map((p) => ({ ...(JSON.parse(p.record.data) as Tweet), sendAtMs: p.sendAtMs, burst: p.burst }));

describe('LivePosts', () => {
  it('sends about postsPerMinute posts, each stamped with its send time or up to maxLatenessMs earlier', () => {
    const posts = tweets(new LivePosts(START, { ...LIVE_POSTS_DEFAULTS, burstEveryMs: 0 }).due(START + 60 * 60_000));

    expect(posts.length).to.be.within(150, 210); // 3/min for an hour
    const lateness = posts.map((p) => p.sendAtMs - Date.parse(p.created_at));
    expect(Math.min(...lateness)).to.equal(0);
    expect(Math.max(...lateness)).to.be.at.most(LIVE_POSTS_DEFAULTS.maxLatenessMs);
    expect(lateness.filter((l) => l > 0).length / posts.length).to.be.within(0.05, 0.3);
  });

  it('is reproducible: the same seed gives the same texts and times, another seed does not', () => {
    const texts = (seed: number): string[] =>
      tweets(new LivePosts(START, { ...LIVE_POSTS_DEFAULTS, seed }).due(START + 10 * 60_000)).map(
        (p) => `${p.created_at} ${p.text}`,
      );
    expect(texts(7)).to.deep.equal(texts(7));
    expect(texts(7)).to.not.deep.equal(texts(8));
  });

  it('ids are unique and differ between two starts with the same seed (the sinks must not take them for repeats)', () => {
    const ids = (start: number): string[] => tweets(new LivePosts(start).due(start + 30 * 60_000)).map((p) => p.id);
    const first = ids(START);
    expect(new Set(first).size).to.equal(first.length);
    expect(first.filter((id) => ids(START + 3_600_000).includes(id))).to.deep.equal([]);
  });

  it('puts more than three negative posts within five minutes in the first two minutes, and again every burstEveryMs', () => {
    const planner = new LivePosts(START);
    const firstTwoMinutes = tweets(planner.due(START + 2 * 60_000)).filter((p) => p.burst);
    expect(firstTwoMinutes.length).to.equal(LIVE_POSTS_DEFAULTS.burstSize);
    const span = Date.parse(firstTwoMinutes.at(-1)!.created_at) - Date.parse(firstTwoMinutes[0]!.created_at);
    expect(span).to.be.below(5 * 60_000);
    expect(firstTwoMinutes.every((p) => /disaster|hate|Worst|Odio|peor/.test(p.text))).to.equal(true);

    const later = tweets(planner.due(START + 12 * 60_000)).filter((p) => p.burst);
    expect(later.map((p) => p.sendAtMs - START)[0]).to.equal(
      LIVE_POSTS_DEFAULTS.firstBurstAfterMs + LIVE_POSTS_DEFAULTS.burstEveryMs,
    );
  });

  it('sends nothing before its time and each post once', () => {
    const planner = new LivePosts(START);
    const a = planner.due(START + 30_000);
    const b = planner.due(START + 30_000);
    expect(b).to.deep.equal([]);
    expect(a.every((p) => p.sendAtMs <= START + 30_000)).to.equal(true);
  });
});
