// The sliding-window burst detector driven by a fake clock: threshold, window edges, one alert per burst, cooldown, late posts, distinct posts.
import { expect } from 'chai';
import type { NegativePostEvent } from '../../../../reporting/alerts/burst-alert';
import { NegativeBurstDetector, type BurstFinding } from '../../../../reporting/alerts/negative-burst-detector';

const MIN = 60_000;
const T0 = Date.UTC(2026, 10, 20, 10, 0, 0);
let n = 0;
const post = (atMs: number, extra: Partial<NegativePostEvent> = {}): NegativePostEvent => ({
  key: `shardId-0/${(n += 1)}/0`,
  source: 'x',
  postId: String(n),
  atMs,
  user: null,
  lang: 'en',
  text: `negative ${n}`,
  ...extra,
});
const iso = (ms: number): string => new Date(ms).toISOString().slice(11, 16);
const span = (f: BurstFinding | undefined): string | undefined =>
  f === undefined ? undefined : `${f.posts.length}:${iso(f.posts[0]!.atMs)}-${iso(f.posts.at(-1)!.atMs)}`;

/** Feeds posts one by one, each observed at its own time (a clock that advances with the stream). */
function feed(detector: NegativeBurstDetector, times: readonly number[]): string[] {
  const alerts: string[] = [];
  for (const at of times) {
    const finding = detector.observe([post(at)], at);
    if (finding !== undefined) alerts.push(`${finding.posts.length}@${iso(at)}`);
  }
  return alerts;
}

const options = (cooldownMinutes: number) => ({
  threshold: 3,
  windowMs: 5 * MIN,
  cooldownMs: cooldownMinutes * MIN,
  latenessMs: 10 * MIN,
});

describe('NegativeBurstDetector', () => {
  it('stays quiet at exactly three negative posts in five minutes', () => {
    expect(feed(new NegativeBurstDetector(), [T0, T0 + MIN, T0 + 2 * MIN])).to.deep.equal([]);
  });

  it('alerts on the fourth negative post within five minutes', () => {
    expect(feed(new NegativeBurstDetector(), [T0, T0 + MIN, T0 + 2 * MIN, T0 + 4 * MIN])).to.deep.equal(['4@10:04']);
  });

  it('does not count posts exactly five minutes apart as one window', () => {
    expect(feed(new NegativeBurstDetector(), [T0, T0 + 2 * MIN, T0 + 4 * MIN, T0 + 5 * MIN])).to.deep.equal([]);
  });

  it('finds four posts in any five-minute window, not only the latest one', () => {
    const detector = new NegativeBurstDetector();
    const finding = detector.observe(
      [T0 + 13 * MIN, T0, T0 + 30_000, T0 + MIN, T0 + 2 * MIN].map((t) => post(t)),
      T0 + 14 * MIN,
    );
    expect(span(finding)).to.equal('4:10:00-10:02');
  });

  it('sends one alert for a long burst, and one more only after it ended and the cooldown passed', () => {
    const detector = new NegativeBurstDetector(options(10));
    const longBurst = Array.from({ length: 30 }, (_, i) => T0 + i * 30_000); // 15 minutes, 2 per minute
    expect(feed(detector, longBurst)).to.deep.equal(['4@10:01']);
    expect(detector.observe([], T0 + 25 * MIN)).to.equal(undefined); // quiet: the burst ends
    expect(feed(detector, [T0 + 26 * MIN, T0 + 26 * MIN, T0 + 27 * MIN, T0 + 27 * MIN])).to.deep.equal(['4@10:27']);
  });

  it('holds a second burst back during the cooldown, then alerts on it if it is still going', () => {
    const detector = new NegativeBurstDetector(options(30));
    feed(detector, [T0, T0, T0, T0]);
    detector.observe([], T0 + 6 * MIN);
    const second = Array.from({ length: 20 }, (_, i) => T0 + 20 * MIN + i * MIN);
    expect(feed(detector, second)).to.deep.equal(['5@10:30']); // 10:26..10:30, the first moment the cooldown allows
  });

  it('counts a post seen by two polls once', () => {
    const detector = new NegativeBurstDetector();
    const posts = [post(T0), post(T0 + MIN), post(T0 + 2 * MIN)];
    expect(detector.observe(posts, T0 + 3 * MIN)).to.equal(undefined);
    expect(detector.observe(posts, T0 + 3 * MIN + 15_000)).to.equal(undefined);
  });

  describe('distinct posts (issue 25 item 6)', () => {
    it('counts a post stored again under a new record identity (a collector replay) once', () => {
      const detector = new NegativeBurstDetector();
      const posts = [post(T0), post(T0 + MIN), post(T0 + 2 * MIN)];
      const replay = { ...posts[1]!, key: 'shardId-1/999/0' };
      expect(detector.observe([...posts, replay], T0 + 3 * MIN), 'three distinct posts').to.equal(undefined);
      const finding = detector.observe([post(T0 + 3 * MIN)], T0 + 3 * MIN);
      expect(finding?.posts.map((p) => p.postId)).to.deep.equal([
        posts[0]!.postId,
        posts[1]!.postId,
        posts[2]!.postId,
        String(n),
      ]);
    });

    it('counts the same post id from two sources as two posts', () => {
      const detector = new NegativeBurstDetector();
      const a = [post(T0, { postId: '7' }), post(T0 + MIN, { postId: '8' })];
      const b = a.map((p) => ({ ...p, key: `${p.key}b`, source: 'instagram' }));
      expect(span(detector.observe([...a, ...b], T0 + 2 * MIN))).to.equal('4:10:00-10:01');
    });

    it('tells records without a post id apart by their record identity', () => {
      const detector = new NegativeBurstDetector();
      const posts = [0, 1, 2, 3].map((m) => post(T0 + m * MIN, { postId: null, source: null }));
      expect(detector.observe(posts, T0 + 3 * MIN)?.posts).to.have.length(4);
    });
  });

  describe('an alert covers its window (issue 25 item 7)', () => {
    it('does not alert again when a post of the alerted burst loads late, after the burst ended and the cooldown passed', () => {
      const detector = new NegativeBurstDetector(options(10));
      const burst = [0, 1, 2, 3].map((m) => post(T0 + m * MIN));
      expect(span(detector.observe(burst, T0 + 3 * MIN))).to.equal('4:10:00-10:03');
      expect(detector.observe([], T0 + 9 * MIN)).to.equal(undefined); // the trailing window is quiet: burst over
      expect(detector.state().firing).to.equal(false);
      // 10:14, past the cooldown and within the lateness: two posts of 10:03:30 and 10:02:30 load late.
      const late = [post(T0 + 3 * MIN + 30_000), post(T0 + 2 * MIN + 30_000)];
      expect(detector.observe(late, T0 + 14 * MIN)).to.equal(undefined);
      expect(detector.observe([], T0 + 14 * MIN + 15_000)).to.equal(undefined);
    });

    it('alerts on a later burst made of new posts outside the alerted window', () => {
      const detector = new NegativeBurstDetector(options(10));
      detector.observe(
        [0, 1, 2, 3].map((m) => post(T0 + m * MIN)),
        T0 + 3 * MIN,
      );
      detector.observe([], T0 + 9 * MIN);
      const late = post(T0 + 3 * MIN + 30_000);
      const fresh = [14, 15, 16, 17].map((m) => post(T0 + m * MIN));
      expect(detector.observe([late, fresh[0]!, fresh[1]!], T0 + 15 * MIN), 'late + 2 new posts').to.equal(undefined);
      expect(span(detector.observe([fresh[2]!, fresh[3]!], T0 + 17 * MIN))).to.equal('4:10:14-10:17');
    });

    it('grows the covered window while the burst lasts', () => {
      const detector = new NegativeBurstDetector(options(0));
      detector.observe(
        [0, 1, 2, 3].map((m) => post(T0 + m * MIN)),
        T0 + 3 * MIN,
      );
      detector.observe(
        [4, 5].map((m) => post(T0 + m * MIN)),
        T0 + 5 * MIN,
      ); // still firing: 10:04 and 10:05 join it
      detector.observe([], T0 + 11 * MIN); // ends
      expect(detector.state().covered).to.deep.equal([{ fromMs: T0, toMs: T0 + 5 * MIN }]);
      // Late posts inside the grown window, the cooldown (0) long past: nothing.
      expect(detector.observe([post(T0 + 4 * MIN + 1), post(T0 + 5 * MIN - 1)], T0 + 12 * MIN)).to.equal(undefined);
    });

    it('does not cover the first post of a new burst seen by the poll that ends the old one', () => {
      const detector = new NegativeBurstDetector(options(0));
      detector.observe(
        [0, 1, 2, 3].map((m) => post(T0 + m * MIN)),
        T0 + 3 * MIN,
      );
      // 10:09: the old burst has left the trailing window, and the new burst's first post is already there.
      expect(detector.observe([post(T0 + 9 * MIN)], T0 + 9 * MIN)).to.equal(undefined);
      expect(detector.state().firing).to.equal(false);
      const rest = [9, 10, 10].map((m) => post(T0 + m * MIN + 1));
      expect(span(detector.observe(rest, T0 + 10 * MIN + 1))).to.equal('4:10:09-10:10');
    });

    it('keeps the covered windows across a restart', () => {
      const first = new NegativeBurstDetector(options(10));
      first.observe(
        [0, 1, 2, 3].map((m) => post(T0 + m * MIN)),
        T0 + 3 * MIN,
      );
      first.observe([], T0 + 9 * MIN);
      const restarted = new NegativeBurstDetector(
        options(10),
        JSON.parse(JSON.stringify(first.state())) as ReturnType<typeof first.state>,
      );
      const replayedAndLate = [0, 1, 2, 3].map((m) => post(T0 + m * MIN)).concat(post(T0 + 3 * MIN + 30_000));
      expect(restarted.observe(replayedAndLate, T0 + 14 * MIN)).to.equal(undefined);
    });
  });

  it('alerts on a burst that is loaded late, within the lateness allowance', () => {
    const detector = new NegativeBurstDetector();
    const finding = detector.observe(
      [T0, T0 + MIN, T0 + 2 * MIN, T0 + 3 * MIN].map((t) => post(t)),
      T0 + 12 * MIN,
    );
    expect(finding?.posts).to.have.length(4);
  });

  it('ignores posts older than the window plus the lateness allowance', () => {
    const detector = new NegativeBurstDetector();
    expect(
      detector.observe(
        [T0, T0 + MIN, T0 + 2 * MIN, T0 + 3 * MIN].map((t) => post(t)),
        T0 + 30 * MIN,
      ),
    ).to.equal(undefined);
  });

  it('does not repeat an alert after a restart from the saved state, and still ends the burst', () => {
    const first = new NegativeBurstDetector();
    const posts = [T0, T0 + MIN, T0 + 2 * MIN, T0 + 3 * MIN].map((t) => post(t));
    expect(first.observe(posts, T0 + 3 * MIN)).to.not.equal(undefined);

    const restarted = new NegativeBurstDetector(
      undefined,
      JSON.parse(JSON.stringify(first.state())) as ReturnType<typeof first.state>,
    );
    expect(restarted.observe(posts, T0 + 4 * MIN)).to.equal(undefined);
    restarted.observe([], T0 + 20 * MIN);
    expect(restarted.state().firing).to.equal(false);
    expect(
      new NegativeBurstDetector().observe(posts, T0 + 4 * MIN),
      'without the state it would alert again',
    ).to.not.equal(undefined);
  });
});
