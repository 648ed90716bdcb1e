// The alerter's poll with a fake clock: reads NEGATIVE posts, alerts once per burst, keeps other channels going, retries failed deliveries.
import { expect } from 'chai';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { NullLogger } from '../../../../common/logger';
import type { AlertNotifier } from '../../../../reporting/alerts/alert-notifier';
import type { BurstAlert } from '../../../../reporting/alerts/burst-alert';
import { JsonlAlertNotifier } from '../../../../reporting/alerts/jsonl-alert-notifier';
import { NegativeBurstDetector } from '../../../../reporting/alerts/negative-burst-detector';
import { NegativeBurstWatch } from '../../../../reporting/alerts/negative-burst-watch';
import { NotifyError } from '../../../../reporting/reporting-errors';
import { InMemoryPostReader } from '../posts/in-memory-post-reader';

const MIN = 60_000;
const T0 = Date.UTC(2026, 10, 20, 10, 0, 0);

class RecordingNotifier implements AlertNotifier {
  public readonly alerts: BurstAlert[] = [];
  public failures = 0;
  public constructor(public readonly name: string) {}
  public async notify(alert: BurstAlert): Promise<void> {
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
      new NegativeBurstDetector(),
      [file, sns],
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

  it('JsonlAlertNotifier appends one JSON line per alert', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'alerts-'));
    const target = path.join(dir, 'nested', 'alerts.jsonl');
    const notifier = new JsonlAlertNotifier(target);
    for (const m of [0, 0, 1, 1]) reader.add(T0 + m * MIN, 'NEGATIVE', { text: 'line\nbreak "quoted"' });
    const alert = new NegativeBurstDetector().observe(
      (await reader.latestPosts({ fromMs: T0, toMs: T0 + 5 * MIN }, 10)).map((p) => ({
        key: p.key,
        atMs: p.createdAtMs,
        postId: p.postId,
        user: p.user,
        text: p.text,
      })),
      T0 + 2 * MIN,
    )!;
    await notifier.notify(alert);
    await notifier.notify(alert);
    const lines = fs.readFileSync(target, 'utf8').split('\n');
    fs.rmSync(dir, { recursive: true, force: true });
    expect(lines).to.have.length(3);
    expect(JSON.parse(lines[1]!)).to.deep.equal(alert);
  });
});
