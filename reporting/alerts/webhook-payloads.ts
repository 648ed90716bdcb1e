// The alert as Slack's and Teams' incoming-webhook JSON: post texts stay plain text in both (no markup a post could inject).
import type { AlertMessage } from './alert-messages';
import { cutGraphemes } from './cut-text';

export const WEBHOOK_FORMATS = ['slack', 'teams'] as const;
export type WebhookFormat = (typeof WEBHOOK_FORMATS)[number];

/** Slack's limits: a header's plain text 150 characters, any text object 3,000 (Block Kit reference). */
const SLACK_HEADER_MAX = 150;
const SLACK_TEXT_MAX = 3_000;

/** Slack mrkdwn control characters (Slack's "Formatting text for app surfaces": escape &, < and >). */
function slackEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function exampleLine(e: AlertMessage['examples'][number]): string {
  return `${e.when} ${e.user === null ? '' : `@${e.user} `}${e.text}`;
}

/**
 * Slack incoming webhook (`POST https://hooks.slack.com/services/…`): `text` is the notification fallback, `blocks`
 * the message: a header, the summary, the terms, a button to the dashboard, each example as plain text.
 */
export function slackPayload(message: AlertMessage): Record<string, unknown> {
  const plain = (text: string, max = SLACK_TEXT_MAX): Record<string, unknown> => ({
    type: 'plain_text',
    text: cutGraphemes(text, max),
    emoji: true,
  });
  return {
    text: cutGraphemes(message.title, SLACK_TEXT_MAX),
    blocks: [
      { type: 'header', text: plain(message.title, SLACK_HEADER_MAX) },
      { type: 'section', text: plain(message.summary.join(' ')) },
      ...(message.terms === undefined ? [] : [{ type: 'section', text: plain(message.terms) }]),
      {
        type: 'actions',
        elements: [{ type: 'button', text: plain(message.linkLabel, 75), url: message.link, action_id: 'dashboard' }],
      },
      {
        type: 'section',
        text: { type: 'mrkdwn', text: `*${slackEscape(message.examplesHeading)}*` },
      },
      ...message.examples.map((e) => ({ type: 'section', text: plain(exampleLine(e)) })),
      { type: 'context', elements: [plain(message.footer)] },
    ],
  };
}

/**
 * Teams: the message-with-attachments envelope that both the classic Incoming Webhook connector and a Workflows
 * "When a Teams webhook request is received" flow accept, holding an Adaptive Card 1.4. Texts that come from posts
 * go in TextRun elements of a RichTextBlock, which render no markdown.
 */
export function teamsPayload(message: AlertMessage): Record<string, unknown> {
  const run = (text: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
    type: 'RichTextBlock',
    inlines: [{ type: 'TextRun', text, ...extra }],
  });
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        contentUrl: null,
        content: {
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          type: 'AdaptiveCard',
          version: '1.4',
          body: [
            run(message.title, { size: 'Large', weight: 'Bolder' }),
            run(message.summary.join(' ')),
            ...(message.terms === undefined ? [] : [run(message.terms)]),
            run(message.examplesHeading, { weight: 'Bolder' }),
            ...message.examples.map((e) => run(exampleLine(e))),
            run(message.footer, { isSubtle: true, size: 'Small' }),
          ],
          actions: [{ type: 'Action.OpenUrl', title: message.linkLabel, url: message.link }],
        },
      },
    ],
  };
}

export function webhookPayload(format: WebhookFormat, message: AlertMessage): Record<string, unknown> {
  return format === 'slack' ? slackPayload(message) : teamsPayload(message);
}

/**
 * The format a webhook URL's host implies: Slack for hooks.slack.com, Teams for Microsoft's webhook hosts (classic
 * connectors on *.webhook.office.com / outlook.office.com, Workflows on *.logic.azure.com / *.powerplatform.com);
 * undefined for any other host (then ALERT_WEBHOOK_FORMAT must say).
 */
export function detectWebhookFormat(url: URL): WebhookFormat | undefined {
  const host = url.hostname.toLowerCase();
  if (host === 'hooks.slack.com') return 'slack';
  const teams = ['.webhook.office.com', '.logic.azure.com', '.powerplatform.com'];
  if (host === 'outlook.office.com' || teams.some((suffix) => host.endsWith(suffix))) return 'teams';
  return undefined;
}
