// SnsNotifier through the real @aws-sdk/client-sns, over HTTP, against the fake of SNS's query protocol.
import { expect } from 'chai';
import { SnsNotifier } from '../../../../reporting/alerts/sns-notifier';
import { AwsClientFactory } from '../../../../common/aws/client-factory';
import type { BurstAlert } from '../../../../reporting/alerts/burst-alert';
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
};

describe('SnsNotifier (fake SNS over HTTP)', () => {
  const sns = new FakeSnsServer();
  const clients: { destroy(): void }[] = [];
  const notifier = (maxAttempts = 3): SnsNotifier => {
    const client = new AwsClientFactory(
      { region: 'us-east-1', endpoints: { sns: sns.endpoint }, s3ForcePathStyle: false },
      maxAttempts,
    ).sns();
    clients.push(client);
    return new SnsNotifier(client, TOPIC);
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
      .to.contain('4 NEGATIVE posts between 2026-11-20T10:00:00.000Z and 2026-11-20T10:04:00.000Z')
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
});
