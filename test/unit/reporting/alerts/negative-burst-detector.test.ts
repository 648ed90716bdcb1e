// The sliding-window burst detector driven by a fake clock: threshold, window edges, one alert per burst, cooldown, late posts.
import { expect } from 'chai';
import type { NegativePostEvent } from '../../../../reporting/alerts/burst-alert';
import { NegativeBurstDetector } from '../../../../reporting/alerts/negative-burst-detector';

const MIN = 60_000;
const T0 = Date.UTC(2026, 10, 20, 10, 0, 0);
let n = 0;
const post = (atMs: number): NegativePostEvent => ({
  key: `k${(n += 1)}`,
  atMs,
  postId: String(n),
  user: null,
  text: `negative ${n}`,
});

/** Feeds posts one by one, each observed at its own time (a clock that advances with the stream). */
function feed(detector: NegativeBurstDetector, times: readonly number[]): string[] {
  const alerts: string[] = [];
  for (const at of times) {
    const alert = detector.observe([post(at)], at);
    if (alert !== undefined) alerts.push(`${alert.negativePosts}@${new Date(at).toISOString().slice(11, 16)}`);
  }
  return alerts;
}

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
    const alert = detector.observe([T0 + 13 * MIN, T0, T0 + 30_000, T0 + MIN, T0 + 2 * MIN].map(post), T0 + 14 * MIN);
    expect(alert?.negativePosts).to.equal(4);
    expect(alert?.windowStart).to.equal('2026-11-20T10:00:00.000Z');
    expect(alert?.windowEnd).to.equal('2026-11-20T10:02:00.000Z');
  });

  it('sends one alert for a long burst, and one more only after it ended and the cooldown passed', () => {
    const detector = new NegativeBurstDetector({
      threshold: 3,
      windowMs: 5 * MIN,
      cooldownMs: 10 * MIN,
      latenessMs: 10 * MIN,
    });
    const longBurst = Array.from({ length: 30 }, (_, i) => T0 + i * 30_000); // 15 minutes, 2 per minute
    expect(feed(detector, longBurst)).to.deep.equal(['4@10:01']);
    expect(detector.observe([], T0 + 25 * MIN)).to.equal(undefined); // quiet: the burst ends
    expect(feed(detector, [T0 + 26 * MIN, T0 + 26 * MIN, T0 + 27 * MIN, T0 + 27 * MIN])).to.deep.equal(['4@10:27']);
  });

  it('holds a second burst back during the cooldown, then alerts on it if it is still going', () => {
    const detector = new NegativeBurstDetector({
      threshold: 3,
      windowMs: 5 * MIN,
      cooldownMs: 30 * MIN,
      latenessMs: 10 * MIN,
    });
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

  it('alerts on a burst that is loaded late, within the lateness allowance', () => {
    const detector = new NegativeBurstDetector();
    const alert = detector.observe([T0, T0 + MIN, T0 + 2 * MIN, T0 + 3 * MIN].map(post), T0 + 12 * MIN);
    expect(alert?.negativePosts).to.equal(4);
  });

  it('ignores posts older than the window plus the lateness allowance', () => {
    const detector = new NegativeBurstDetector();
    expect(detector.observe([T0, T0 + MIN, T0 + 2 * MIN, T0 + 3 * MIN].map(post), T0 + 30 * MIN)).to.equal(undefined);
  });

  it('gives up to five examples, newest first', () => {
    const alert = new NegativeBurstDetector().observe(
      Array.from({ length: 7 }, (_, i) => post(T0 + i * 10_000)),
      T0 + MIN,
    );
    expect(alert?.negativePosts).to.equal(7);
    expect(alert?.examples.map((e) => e.postedAt.slice(14, 19))).to.deep.equal([
      '01:00',
      '00:50',
      '00:40',
      '00:30',
      '00:20',
    ]);
  });

  it('does not repeat an alert after a restart from the saved state, and still ends the burst', () => {
    const first = new NegativeBurstDetector();
    const posts = [T0, T0 + MIN, T0 + 2 * MIN, T0 + 3 * MIN].map(post);
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
