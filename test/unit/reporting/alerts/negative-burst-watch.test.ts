// The alerter's poll with a fake clock: reads NEGATIVE posts, alerts once per burst, keeps other channels going, retries failed deliveries.
import { expect } from 'chai';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { NullLogger } from '../../../../common/logger';
import type { AlertNotifier } from '../../../../reporting/alerts/alert-notifier';
import type { NegativeAlert } from '../../../../reporting/alerts/burst-alert';
import { burstAlert } from '../../../../reporting/alerts/alert-builder';
import { topAlertTerms } from '../../../../reporting/alerts/alert-terms';
import { JsonlAlertNotifier } from '../../../../reporting/alerts/jsonl-alert-notifier';
import { NegativeBurstDetector } from '../../../../reporting/alerts/negative-burst-detector';
import { NegativeBurstWatch } from '../../../../reporting/alerts/negative-burst-watch';
import { NegativeShareRule } from '../../../../reporting/alerts/negative-share-rule';
import { NotifyError } from '../../../../reporting/reporting-errors';
import { InMemoryPostReader } from '../posts/in-memory-post-reader';

const MIN = 60_000;
const T0 = Date.UTC(2026, 10, 20, 10, 0, 0);
const CONTEXT = { dashboardUrl: 'http://127.0.0.1:4570/', topTerms: topAlertTerms };

class RecordingNotifier implements AlertNotifier {
  public readonly alerts: NegativeAlert[] = [];
  public failures = 0;
  public constructor(public readonly name: string) {}
  public async notify(alert: NegativeAlert): Promise<void> {
    if (this.failures > 0) {
      this.failures -= 1;
      throw new NotifyError(this.name, { retryable: true });
    }
    this.alerts.push(alert);
  }
}

describe('NegativeBurstWatch', () => {
  let clock: number;
  let reader: InMemoryPostReader;
  let sns: RecordingNotifier;
  let file: RecordingNotifier;
  let watch: NegativeBurstWatch;

  beforeEach(() => {
    clock = T0;
    reader = new InMemoryPostReader();
    sns = new RecordingNotifier('sns');
    file = new RecordingNotifier('jsonl');
    watch = new NegativeBurstWatch(
      reader,
      { burst: new NegativeBurstDetector() },
      [file, sns],
      CONTEXT,
      { lookbackMs: 15 * MIN, maxPostsPerPoll: 100, maxDeliveryAttempts: 3 },
      new NullLogger(),
      () => clock,
    );
  });

  it('alerts once when the fourth negative post lands within five minutes, ignoring other labels', async () => {
    for (const m of [0, 1, 2]) reader.add(T0 + m * MIN, 'NEGATIVE');
    for (const m of [0, 1, 2]) reader.add(T0 + m * MIN, 'POSITIVE');
    clock = T0 + 3 * MIN;
    expect((await watch.poll()).alert).to.equal(undefined);
    reader.add(T0 + 3 * MIN, 'NEGATIVE');
    clock += 15_000;
    const result = await watch.poll();
    clock += 15_000;
    const next = await watch.poll();

    expect(result.alert?.negativePosts).to.equal(4);
    expect(next.alert).to.equal(undefined);
    expect(sns.alerts).to.have.length(1);
    expect(file.alerts).to.have.length(1);
  });

  it('delivers to the other channels when one fails, and retries the failed one on the next poll', async () => {
    for (const m of [0, 0, 1, 1]) reader.add(T0 + m * MIN, 'NEGATIVE');
    clock = T0 + 2 * MIN;
    sns.failures = 1;

    const first = await watch.poll();
    expect(first.failedChannels).to.deep.equal(['sns']);
    expect(file.alerts).to.have.length(1);
    expect(watch.pendingDeliveries).to.equal(1);

    clock += 15_000;
    const second = await watch.poll();
    expect(second.failedChannels).to.deep.equal([]);
    expect(sns.alerts).to.have.length(1);
    expect(file.alerts).to.have.length(1);
    expect(watch.pendingDeliveries).to.equal(0);
  });

  it('gives up on a channel after the maximum number of attempts', async () => {
    for (const m of [0, 0, 1, 1]) reader.add(T0 + m * MIN, 'NEGATIVE');
    clock = T0 + 2 * MIN;
    sns.failures = 10;
    for (let i = 0; i < 5; i += 1) {
      await watch.poll();
      clock += 15_000;
    }
    expect(watch.pendingDeliveries).to.equal(0);
    expect(sns.failures).to.equal(7); // three attempts in all
  });

  it('rejects when the table cannot be read', async () => {
    reader.failWith = new Error('connection refused');
    const error = await watch.poll().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect((error as Error).message).to.equal('connection refused');
  });

  it('counts a post the collector replayed under a new record identity once (issue 25 item 6)', async () => {
    for (const m of [0, 1, 2]) reader.add(T0 + m * MIN, 'NEGATIVE', { source: 'x', postId: `p${m}` });
    reader.add(T0 + 2 * MIN, 'NEGATIVE', { source: 'x', postId: 'p2', key: 'shardId-3/77/0' }); // the replay
    clock = T0 + 3 * MIN;
    expect((await watch.poll()).alert, 'three distinct posts').to.equal(undefined);
    reader.add(T0 + 3 * MIN, 'NEGATIVE', { source: 'x', postId: 'p3' });
    expect((await watch.poll()).alert?.negativePosts).to.equal(4);
  });

  it('does not alert again when a post of the alerted burst loads late, after the cooldown (issue 25 item 7)', async () => {
    for (const m of [0, 1, 2, 3]) reader.add(T0 + m * MIN, 'NEGATIVE');
    clock = T0 + 3 * MIN;
    expect((await watch.poll()).alert?.negativePosts).to.equal(4);
    clock = T0 + 9 * MIN;
    await watch.poll(); // the trailing five minutes are quiet: the burst is over
    reader.add(T0 + 3 * MIN + 30_000, 'NEGATIVE'); // loaded late, 10:03:30
    clock = T0 + 14 * MIN; // past the 10-minute cooldown, within the 10-minute lateness
    expect((await watch.poll()).alerts).to.deep.equal([]);
    for (const m of [15, 16, 17, 18]) reader.add(T0 + m * MIN, 'NEGATIVE');
    clock = T0 + 18 * MIN;
    expect((await watch.poll()).alert?.windowStart, 'new posts do alert').to.equal('2026-11-20T10:15:00.000Z');
  });

  it("carries the burst's top terms and a dashboard link filtered to its window and to NEGATIVE posts", async () => {
    const texts = [
      'Bus fares up again, unbelievable',
      'bus fares doubled and the metro is crowded',
      'Why are bus fares so high? #transit',
      'The metro is late every single day',
    ];
    texts.forEach((text, i) => reader.add(T0 + i * MIN + 30_000, 'NEGATIVE', { text }));
    clock = T0 + 4 * MIN;
    const alert = (await watch.poll()).alert!;
    expect(alert.terms.slice(0, 2)).to.deep.equal([
      { term: 'bus fares', posts: 3 },
      { term: 'metro', posts: 2 },
    ]);
    const link = new URL(alert.dashboardUrl);
    expect(link.origin + link.pathname).to.equal('http://127.0.0.1:4570/');
    expect(Object.fromEntries(link.searchParams)).to.deep.equal({
      from: '2026-11-20T10:00:00.000Z',
      to: '2026-11-20T10:04:00.000Z',
      label: 'NEGATIVE',
    });
    expect(file.alerts[0]).to.deep.equal(alert);
  });

  describe('with the rule relative to normal (ALERT_RELATIVE_RULE)', () => {
    const HOUR = 60 * MIN;
    const DAY = 24 * HOUR;
    beforeEach(() => {
      clock = T0;
      // The same hour on each of the previous 7 days: 2 negative of 20. The last hour: 12 of 20, spread out (no burst).
      for (let d = 1; d <= 7; d += 1)
        for (let i = 0; i < 20; i += 1) reader.add(T0 - d * DAY - HOUR + i * 3 * MIN, i < 2 ? 'NEGATIVE' : 'POSITIVE');
      for (let i = 0; i < 20; i += 1)
        reader.add(T0 - HOUR + i * 3 * MIN, i % 5 < 3 ? 'NEGATIVE' : 'NEUTRAL', { text: `tram delayed ${i}` });
    });
    const withShare = (share?: NegativeShareRule): NegativeBurstWatch =>
      new NegativeBurstWatch(
        reader,
        { burst: new NegativeBurstDetector(), ...(share === undefined ? {} : { share }) },
        [file],
        CONTEXT,
        { lookbackMs: 15 * MIN, maxPostsPerPoll: 100, maxDeliveryAttempts: 3 },
        new NullLogger(),
        () => clock,
      );

    it('is off by default: the count rule alone sees no burst', async () => {
      expect((await withShare().poll()).alerts).to.deep.equal([]);
    });

    it("alerts once when the last hour's negative share is above the same hours of the previous days by the margin", async () => {
      const share = new NegativeShareRule({ marginPoints: 20, minNegative: 10, cooldownMs: 10 * MIN });
      const w = withShare(share);
      const result = await w.poll();
      clock += 15_000;
      const queries = reader.queries;
      await w.poll();
      expect(reader.queries - queries, 'the share is checked once a minute').to.equal(1);
      clock += 60_000;
      const next = await w.poll();

      expect(result.alerts.map((a) => a.kind)).to.deep.equal(['negative-share']);
      expect(result.alert).to.deep.include({
        negativePosts: 12,
        scoredPosts: 20,
        negativeShare: 0.6,
        baselineShare: 0.1,
        baselineScoredPosts: 140,
        windowStart: new Date(T0 - HOUR).toISOString(),
        windowEnd: new Date(T0).toISOString(),
      });
      expect(result.alert!.terms).to.deep.equal([{ term: 'tram delayed', posts: 12 }]);
      expect(result.alert!.examples).to.have.length(5);
      expect(next.alerts, 'the same episode alerts once').to.deep.equal([]);
    });

    it('stays quiet below the minimum count of negative posts', async () => {
      const share = new NegativeShareRule({ marginPoints: 20, minNegative: 13, cooldownMs: 0 });
      expect((await withShare(share).poll()).alerts).to.deep.equal([]);
    });
  });

  it('JsonlAlertNotifier appends one JSON line per alert', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'alerts-'));
    const target = path.join(dir, 'nested', 'alerts.jsonl');
    const notifier = new JsonlAlertNotifier(target);
    for (const m of [0, 0, 1, 1]) reader.add(T0 + m * MIN, 'NEGATIVE', { text: 'line\nbreak "quoted"' });
    const finding = new NegativeBurstDetector().observe(
      (await reader.latestPosts({ fromMs: T0, toMs: T0 + 5 * MIN }, 10)).map((p) => ({
        key: p.key,
        source: p.source ?? null,
        atMs: p.createdAtMs,
        postId: p.postId,
        user: p.user,
        lang: p.lang,
        text: p.text,
      })),
      T0 + 2 * MIN,
    )!;
    const alert = burstAlert(finding, CONTEXT);
    await notifier.notify(alert);
    await notifier.notify(alert);
    const lines = fs.readFileSync(target, 'utf8').split('\n');
    fs.rmSync(dir, { recursive: true, force: true });
    expect(lines).to.have.length(3);
    expect(JSON.parse(lines[1]!)).to.deep.equal(alert);
  });
});
