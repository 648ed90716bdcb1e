// WebhookNotifier over real HTTP to a local receiver on 127.0.0.1: retries, Slack's and Teams' JSON, the URL kept secret, the CLI end to end.
import { expect } from 'chai';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { LogFields, Logger } from '../../../../common/logger';
import { runAlertCli } from '../../../../reporting/alerts/alert-cli';
import { alertRenderer } from '../../../../reporting/alerts/alert-messages';
import type { BurstAlert } from '../../../../reporting/alerts/burst-alert';
import { WebhookNotifier } from '../../../../reporting/alerts/webhook-notifier';
import type { WebhookFormat } from '../../../../reporting/alerts/webhook-payloads';
import { localeFormat } from '../../../../reporting/i18n/locale';
import { NotifyError, REPORTING_EXIT } from '../../../../reporting/reporting-errors';
import { FakeWebhookReceiver } from '../../../fakes/fake-webhook-receiver';
import { InMemoryPostReader } from '../../../unit/reporting/posts/in-memory-post-reader';

/** Where Slack and Teams put the credential: the path. */
const SECRET_PATH = '/services/T0001/B0002/s3cr3tT0k3nXYZ';
const alert: BurstAlert = {
  kind: 'negative-burst',
  detectedAt: '2026-11-20T10:05:00.000Z',
  negativePosts: 4,
  windowStart: '2026-11-20T10:00:00.000Z',
  windowEnd: '2026-11-20T10:04:00.000Z',
  threshold: 3,
  windowMinutes: 5,
  examples: [
    {
      postId: '42',
      user: 'rider7',
      postedAt: '2026-11-20T10:04:00.000Z',
      text: 'Fares up <!channel> & *bold* [x](http://e.vil)',
    },
  ],
  terms: [{ term: 'fares', posts: 3 }],
  dashboardUrl:
    'https://dash.example.org/?from=2026-11-20T10%3A00%3A00.000Z&to=2026-11-20T10%3A05%3A00.000Z&label=NEGATIVE',
};
const render = alertRenderer(localeFormat('en', 'UTC'), 'UTC');

class RecordingLogger implements Logger {
  public readonly lines: string[] = [];
  public error(m: string, f?: LogFields): void {
    this.lines.push(`${m} ${JSON.stringify(f)}`);
  }
  public warn(m: string, f?: LogFields): void {
    this.error(m, f);
  }
  public info(m: string, f?: LogFields): void {
    this.error(m, f);
  }
  public debug(m: string, f?: LogFields): void {
    this.error(m, f);
  }
  public child(): Logger {
    return this;
  }
}

async function failure(promise: Promise<unknown>): Promise<NotifyError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).to.be.instanceOf(NotifyError);
  return error as NotifyError;
}

/** Every message in an error's cause chain. */
function chain(error: unknown): string {
  const parts: string[] = [];
  for (let e = error; e instanceof Error; e = e.cause) parts.push(`${e.name}: ${e.message}`);
  return parts.join(' <- ');
}

describe('WebhookNotifier (a local receiver over HTTP)', () => {
  const receiver = new FakeWebhookReceiver();
  const sleeps: number[] = [];
  const notifier = (format: WebhookFormat, url = `${receiver.endpoint}${SECRET_PATH}`): WebhookNotifier =>
    new WebhookNotifier({
      url,
      format,
      render,
      policy: { maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 1_000 },
      sleep: async (ms) => {
        sleeps.push(ms);
      },
    });

  before(async () => receiver.start());
  beforeEach(() => {
    receiver.received.length = 0;
    receiver.failNext = { count: 0, status: 503, body: '' };
    receiver.okStatus = 200;
    sleeps.length = 0;
  });
  after(async () => receiver.stop());

  it('is delivered by the third attempt when the receiver fails twice, waiting per the retry policy', async () => {
    receiver.failNext = { count: 2, status: 503, body: 'busy' };

    await notifier('slack').notify(alert);

    expect(receiver.received.map((r) => r.path)).to.deep.equal([SECRET_PATH, SECRET_PATH, SECRET_PATH]);
    expect(sleeps).to.have.length(2);
    expect(sleeps[0]).to.be.at.most(100);
    expect(sleeps[1]).to.be.at.most(200);
  });

  it("sends Slack's incoming-webhook JSON: fallback text, header, summary, terms, a button to the dashboard, plain-text examples", async () => {
    await notifier('slack').notify(alert);

    const [request] = receiver.received;
    expect(request).to.include({ method: 'POST', contentType: 'application/json; charset=utf-8' });
    const body = JSON.parse(request!.body) as { text: string; blocks: Record<string, unknown>[] };
    expect(body.text).to.equal('Negative burst: 4 negative posts within 5 min');
    expect(body.blocks.map((b) => b.type)).to.deep.equal([
      'header',
      'section',
      'section',
      'actions',
      'section',
      'section',
      'context',
    ]);
    expect(body.blocks[2]).to.deep.equal({
      type: 'section',
      text: { type: 'plain_text', text: 'What they are about: fares (3)', emoji: true },
    });
    expect(body.blocks[3]).to.deep.include({
      elements: [
        {
          type: 'button',
          text: { type: 'plain_text', text: 'Open the dashboard on these posts', emoji: true },
          url: alert.dashboardUrl,
          action_id: 'dashboard',
        },
      ],
    });
    // A post's text is plain text: Slack renders no <!channel> ping, bold or link from it.
    expect(body.blocks[5]).to.deep.equal({
      type: 'section',
      text: { type: 'plain_text', text: `10:04 @rider7 ${alert.examples[0]!.text}`, emoji: true },
    });
  });

  it("sends Teams' JSON: a message holding an Adaptive Card with plain text runs and an Open URL action", async () => {
    receiver.okStatus = 202; // a Workflows webhook accepts with 202

    await notifier('teams').notify(alert);

    const body = JSON.parse(receiver.received[0]!.body) as {
      type: string;
      attachments: { contentType: string; content: Record<string, unknown> }[];
    };
    expect(body.type).to.equal('message');
    expect(body.attachments).to.have.length(1);
    const card = body.attachments[0]!;
    expect(card.contentType).to.equal('application/vnd.microsoft.card.adaptive');
    expect(card.content).to.deep.include({ type: 'AdaptiveCard', version: '1.4' });
    expect(card.content.actions).to.deep.equal([
      { type: 'Action.OpenUrl', title: 'Open the dashboard on these posts', url: alert.dashboardUrl },
    ]);
    const runs = (card.content.body as { type: string; inlines: { type: string; text: string }[] }[]).map((b) => {
      expect(b.type).to.equal('RichTextBlock');
      return b.inlines[0]!.text;
    });
    expect(runs[0]).to.equal('Negative burst: 4 negative posts within 5 min');
    expect(runs).to.include(`10:04 @rider7 ${alert.examples[0]!.text}`);
  });

  it('does not retry a refusal (HTTP 400) and keeps the URL out of the error, even when the receiver echoes it', async () => {
    receiver.failNext = { count: 1, status: 400, body: `invalid_payload for ${SECRET_PATH}` };

    const error = await failure(notifier('slack').notify(alert));

    expect(receiver.received).to.have.length(1);
    expect(error.retryable).to.equal(false);
    expect(chain(error)).to.contain('answered HTTP 400: invalid_payload for ***').and.not.contain('s3cr3t');
  });

  it("gives up after the policy's attempts with a retryable error (the watch tries again on a later poll)", async () => {
    receiver.failNext = { count: 5, status: 500, body: '' };

    const error = await failure(notifier('slack').notify(alert));

    expect(receiver.received).to.have.length(3);
    expect(error.retryable).to.equal(true);
    expect(chain(error)).to.contain('failed after 3 attempt(s)');
  });

  it('does not follow a redirect (the alert would go to another URL)', async () => {
    receiver.failNext = { count: 1, status: 302, body: '' };

    const error = await failure(notifier('slack').notify(alert));

    expect(receiver.received.map((r) => r.path)).to.deep.equal([SECRET_PATH]);
    expect(error.retryable).to.equal(false);
  });

  it('treats a refused connection as retryable, its error free of the URL', async () => {
    const gone = new FakeWebhookReceiver();
    await gone.start();
    const url = `${gone.endpoint}${SECRET_PATH}`;
    await gone.stop();

    const error = await failure(notifier('slack', url).notify(alert));

    expect(error.retryable).to.equal(true);
    expect(chain(error)).to.contain('ECONNREFUSED').and.not.contain('s3cr3t');
  });

  describe('npm run alert with ALERT_WEBHOOK_URL', () => {
    let dir: string;
    beforeEach(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'alert-webhook-'));
    });
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    const T0 = Date.UTC(2026, 10, 20, 10, 0, 0);
    const run = async (env: Record<string, string>, logger: Logger, out: string[]): Promise<number> => {
      const reader = new InMemoryPostReader();
      [
        'Las tarifas del bus suben otra vez',
        'tarifas del bus imposibles',
        'otra subida de tarifas',
        'metro lento',
      ].forEach((text, i) => reader.add(T0 + i * 60_000, 'NEGATIVE', { text, lang: 'es' }));
      return runAlertCli(['--once', '--state-file', 'none', '--alerts-file', path.join(dir, 'alerts.jsonl')], {
        env: { ENDPOINTS_FILE: path.join(dir, 'none.json'), REDSHIFT_URL: 'postgres://u@127.0.0.1:1/db', ...env },
        print: (t) => out.push(t),
        printError: (t) => out.push(t),
        logger,
        now: () => T0 + 4 * 60_000,
        openReader: () => reader,
      });
    };

    it('posts the alert in Spanish as Teams JSON, with the terms and the public dashboard link', async () => {
      receiver.okStatus = 202;
      const out: string[] = [];
      const code = await run(
        {
          ALERT_WEBHOOK_URL: `${receiver.endpoint}${SECRET_PATH}`,
          ALERT_WEBHOOK_FORMAT: 'teams',
          REPORTING_LOCALE: 'es',
          ALERT_TIME_ZONE: 'Europe/Madrid',
          DASHBOARD_PUBLIC_URL: 'https://panel.example.org/tablero',
        },
        new RecordingLogger(),
        out,
      );

      expect(code, out.join('\n')).to.equal(REPORTING_EXIT.alerted);
      const text = receiver.received[0]!.body;
      expect(text).to.contain('Pico negativo: 4 publicaciones negativas en 5 min');
      expect(text).to.contain('De qué hablan: tarifas (3), bus (2)');
      expect(text).to.contain('Ver estas publicaciones en el panel');
      expect(text).to.contain(
        'https://panel.example.org/tablero?from=2026-11-20T10%3A00%3A00.000Z&to=2026-11-20T10%3A04%3A00.000Z&label=NEGATIVE',
      );
    });

    it('never prints nor logs the URL when the webhook fails', async () => {
      receiver.failNext = { count: 1, status: 404, body: `no_service ${SECRET_PATH}` };
      const logger = new RecordingLogger();
      const out: string[] = [];
      const code = await run(
        { ALERT_WEBHOOK_URL: `${receiver.endpoint}${SECRET_PATH}`, ALERT_WEBHOOK_FORMAT: 'slack' },
        logger,
        out,
      );

      expect(code, 'the file channel still took the alert').to.equal(REPORTING_EXIT.alerted);
      expect(out.join('\n')).to.contain('alert delivery failed: webhook-slack');
      expect(logger.lines.join('\n')).to.contain('alert delivery abandoned').and.contain('HTTP 404');
      expect([...out, ...logger.lines].join('\n')).to.not.contain('s3cr3t');
    });

    it('refuses a webhook URL it cannot use, without echoing it', async () => {
      const out: string[] = [];
      const code = await run({ ALERT_WEBHOOK_URL: 'http://chat.example.org/hooks/s3cr3t' }, new RecordingLogger(), out);

      expect(code).to.equal(REPORTING_EXIT.usage);
      expect(out.join('\n'))
        .to.contain('ALERT_WEBHOOK_URL must be an https:// URL')
        .and.contain('ALERT_WEBHOOK_FORMAT=auto cannot tell the format from the host chat.example.org')
        .and.not.contain('s3cr3t');
    });
  });
});
