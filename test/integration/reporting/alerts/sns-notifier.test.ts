// SnsNotifier through the real @aws-sdk/client-sns, over HTTP, against the fake of SNS's query protocol: text, cuts, retries.
import { expect } from 'chai';
import { SnsNotifier } from '../../../../reporting/alerts/sns-notifier';
import { AwsClientFactory } from '../../../../common/aws/client-factory';
import type { BurstAlert } from '../../../../reporting/alerts/burst-alert';
import { alertRenderer } from '../../../../reporting/alerts/alert-messages';
import { burstAlert } from '../../../../reporting/alerts/alert-builder';
import { NegativeBurstDetector } from '../../../../reporting/alerts/negative-burst-detector';
import { NegativeBurstWatch } from '../../../../reporting/alerts/negative-burst-watch';
import { localeFormat } from '../../../../reporting/i18n/locale';
import { NullLogger } from '../../../../common/logger';
import { InMemoryPostReader } from '../../../unit/reporting/posts/in-memory-post-reader';
import { NotifyError } from '../../../../reporting/reporting-errors';
import { FakeSnsServer } from '../../../fakes/fake-sns-server';

const TOPIC = 'arn:aws:sns:us-east-1:123456789012:negative-bursts';
const alert: BurstAlert = {
  kind: 'negative-burst',
  detectedAt: '2026-11-20T10:05:00.000Z',
  negativePosts: 4,
  windowStart: '2026-11-20T10:00:00.000Z',
  windowEnd: '2026-11-20T10:04:00.000Z',
  threshold: 3,
  windowMinutes: 5,
  examples: [
    { postId: '42', user: 'rider7', postedAt: '2026-11-20T10:04:00.000Z', text: 'Fares up again & buses late <sigh>' },
  ],
  terms: [{ term: 'fares', posts: 3 }],
  dashboardUrl:
    'http://127.0.0.1:4570/?from=2026-11-20T10%3A00%3A00.000Z&to=2026-11-20T10%3A05%3A00.000Z&label=NEGATIVE',
};
const render = alertRenderer(localeFormat('en', 'UTC'), 'UTC');

describe('SnsNotifier (fake SNS over HTTP)', () => {
  const sns = new FakeSnsServer();
  const clients: { destroy(): void }[] = [];
  const notifier = (maxAttempts = 3): SnsNotifier => {
    const client = new AwsClientFactory(
      { region: 'us-east-1', endpoints: { sns: sns.endpoint }, s3ForcePathStyle: false },
      maxAttempts,
    ).sns();
    clients.push(client);
    return new SnsNotifier(client, TOPIC, render);
  };

  before(async () => {
    process.env.AWS_ACCESS_KEY_ID ??= 'test';
    process.env.AWS_SECRET_ACCESS_KEY ??= 'test';
    await sns.start();
  });
  beforeEach(() => {
    sns.published.length = 0;
    sns.requests.length = 0;
    sns.topics.clear();
    sns.topics.add(TOPIC);
  });
  after(async () => {
    for (const client of clients) client.destroy();
    await sns.stop();
  });

  it('publishes a readable subject and text, with the kind and count as message attributes', async () => {
    await notifier().notify(alert);

    expect(sns.requests.map((r) => r.action)).to.deep.equal(['Publish']);
    expect(sns.requests[0]!.contentType).to.match(/application\/x-www-form-urlencoded/);
    const [message] = sns.published;
    expect(message!.topicArn).to.equal(TOPIC);
    expect(message!.subject).to.equal('Negative burst: 4 negative posts within 5 min');
    expect(message!.message)
      .to.contain('4 NEGATIVE posts between 10:00 and 10:04 on Fri, Nov 20, 2026')
      .and.contain('What they are about: fares (3)')
      .and.contain(`Open the dashboard on these posts: ${alert.dashboardUrl}`)
      .and.contain('@rider7 Fares up again & buses late <sigh>');
    expect(message!.attributes).to.deep.equal({
      kind: { dataType: 'String', value: 'negative-burst' },
      negativePosts: { dataType: 'Number', value: '4' },
    });
  });

  it('is delivered after a throttled first attempt (the SDK retries)', async () => {
    sns.failNext = { count: 1, status: 400, code: 'Throttling' };

    await notifier().notify(alert);

    expect(sns.requests).to.have.length(2);
    expect(sns.published).to.have.length(1);
  });

  it('rejects with a retryable NotifyError when SNS keeps failing', async () => {
    sns.failNext = { count: 1, status: 500, code: 'InternalError' };

    const error = await notifier(1)
      .notify(alert)
      .then(
        () => undefined,
        (e: unknown) => e,
      );

    expect(error).to.be.instanceOf(NotifyError);
    expect((error as NotifyError).retryable).to.equal(true);
    expect(sns.published).to.have.length(0);
  });

  it('rejects with a non-retryable NotifyError naming the topic when it does not exist', async () => {
    sns.topics.clear();

    const error = await notifier()
      .notify(alert)
      .then(
        () => undefined,
        (e: unknown) => e,
      );

    expect(error).to.be.instanceOf(NotifyError);
    expect((error as NotifyError).retryable).to.equal(false);
    expect((error as NotifyError).message).to.contain(TOPIC);
    expect(((error as NotifyError).cause as Error).name).to.equal('NotFoundException');
    expect(sns.requests).to.have.length(1);
  });

  describe('issue 25 item 8: an alert is never lost on a text cut', () => {
    const MIN = 60_000;
    const T0 = Date.UTC(2026, 10, 20, 10, 0, 0);
    const context = { dashboardUrl: 'http://127.0.0.1:4570/', topTerms: () => [] };

    it('publishes an example whose emoji straddles the 280th UTF-16 unit, cut before it (never inside)', async () => {
      const text = `${'a'.repeat(279)}😡 buses late again`;
      const finding = new NegativeBurstDetector().observe(
        [0, 1, 2, 3].map((m) => ({
          key: `k${m}`,
          source: 'x',
          postId: `p${m}`,
          atMs: T0 + m * MIN,
          user: null,
          lang: 'en',
          text: m === 3 ? text : `negative ${m}`,
        })),
        T0 + 3 * MIN,
      )!;

      await notifier().notify(burstAlert(finding, context));

      expect(sns.published).to.have.length(1);
      expect(sns.published[0]!.message).to.contain(`- 10:03 ${'a'.repeat(279)}…`);
      expect(sns.published[0]!.message).to.not.contain('\ufffd');
    });

    it('publishes a text that arrived with a lone surrogate, the surrogate replaced', async () => {
      await notifier().notify({ ...alert, examples: [{ ...alert.examples[0]!, text: 'bad \udc00ZBE' }] });
      expect(sns.published[0]!.message).to.contain('bad \ufffdZBE');
    });

    it('classes a failure SNS names but is-retryable does not know (KMS key briefly unavailable) as retryable', async () => {
      sns.failNext = { count: 1, status: 400, code: 'KMSInvalidState' };
      const error = await notifier(1)
        .notify(alert)
        .then(
          () => undefined,
          (e: unknown) => e,
        );
      expect((error as NotifyError).retryable).to.equal(true);
    });

    it('does not retry a request SNS refuses as invalid', async () => {
      sns.failNext = { count: 1, status: 400, code: 'InvalidParameter' };
      const error = await notifier(1)
        .notify(alert)
        .then(
          () => undefined,
          (e: unknown) => e,
        );
      expect((error as NotifyError).retryable).to.equal(false);
    });

    it('delivers on a later poll when SNS failed past the SDK attempts', async () => {
      const reader = new InMemoryPostReader();
      for (const m of [0, 1, 2, 3]) reader.add(T0 + m * MIN, 'NEGATIVE', { text: `late 😡 ${m}` });
      let clock = T0 + 3 * MIN;
      const watch = new NegativeBurstWatch(
        reader,
        { burst: new NegativeBurstDetector() },
        [notifier(1)],
        context,
        { lookbackMs: 15 * MIN, maxPostsPerPoll: 100, maxDeliveryAttempts: 5 },
        new NullLogger(),
        () => clock,
      );
      sns.failNext = { count: 2, status: 503, code: 'ServiceUnavailable' };

      const first = await watch.poll();
      clock += 15_000;
      const second = await watch.poll();
      clock += 15_000;
      const third = await watch.poll();

      expect([first, second, third].map((r) => r.failedChannels)).to.deep.equal([['sns'], ['sns'], []]);
      expect(sns.published).to.have.length(1);
      expect(watch.pendingDeliveries).to.equal(0);
    });
  });
});
