// The alerter's typed configuration: flags over environment over defaults, every problem reported at once.
import { readAwsSettings, type AwsSettings } from '../../common/aws/aws-settings';
import { ConfigReader, type Source } from '../../common/config/config-reader';
import { readLocale, type Locale } from '../i18n/locale';
import { readPostsSource, type PostsSource } from '../posts/posts-source';
import { assertTimeZone, systemTimeZone } from '../report/zoned-week';
import type { BurstDetectorOptions } from './negative-burst-detector';
import type { ShareRuleOptions } from './negative-share-rule';
import { readWebhookSettings, type WebhookSettings } from './webhook-settings';
import { ALERT_SETTINGS as S } from './alert-settings';

export interface AlertConfig {
  readonly source: PostsSource;
  readonly aws: AwsSettings;
  readonly detector: BurstDetectorOptions;
  /** The rule relative to normal; absent unless ALERT_RELATIVE_RULE=true. */
  readonly share?: ShareRuleOptions;
  readonly intervalSeconds: number;
  /** SNS topic to publish to; absent means local alerts only. */
  readonly topicArn?: string;
  /** JSON-lines file every alert is appended to; absent when ALERT_FILE=none. */
  readonly alertsFile?: string;
  /** Chat webhook (its URL a secret); absent unless ALERT_WEBHOOK_URL is set. */
  readonly webhook?: WebhookSettings;
  readonly maxPostsPerPoll: number;
  /** Detector state between runs; absent when ALERT_STATE_FILE=none. */
  readonly stateFile?: string;
  /** Base of the link each alert carries (the dashboard's URL state is appended). */
  readonly dashboardUrl: string;
  readonly locale: Locale;
  /** IANA zone the alert's times are written in. */
  readonly timeZone: string;
}

const TOPIC_ARN = /^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}$/;

function readDashboardUrl(reader: ConfigReader): string {
  const port = reader.integer(S.dashboardPort.variable, S.dashboardPort.default, { min: 1, max: 65_535 });
  const url = reader.string(S.dashboardUrl.variable, `http://127.0.0.1:${port}/`);
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new Error('not http');
  } catch {
    reader.problem(`DASHBOARD_PUBLIC_URL must be an http(s) URL such as https://dashboard.example.org/, got "${url}"`);
  }
  return url;
}

function readShareRule(reader: ConfigReader, cooldownMs: number): ShareRuleOptions | undefined {
  const on = reader.boolean(S.relativeRule.variable, S.relativeRule.default);
  const marginPoints = reader.number(S.relativeMarginPoints.variable, S.relativeMarginPoints.default, {
    min: 0,
    max: 100,
  });
  const minNegative = reader.integer(S.relativeMinNegative.variable, S.relativeMinNegative.default, { min: 1 });
  return on ? { marginPoints, minNegative, cooldownMs } : undefined;
}

export function readAlertConfig(overrides: Source, env: Source): Readonly<AlertConfig> {
  const reader = new ConfigReader('alert', [overrides, env]);
  const topicArn = reader.string(S.snsTopicArn.variable);
  if (topicArn !== undefined && !TOPIC_ARN.test(topicArn))
    reader.problem(`${S.snsTopicArn.variable} must be an SNS topic ARN, got "${topicArn}"`);
  const file = reader.string(S.alertsFile.variable, S.alertsFile.default);
  const stateFile = reader.string(S.stateFile.variable, S.stateFile.default);
  const windowMinutes = reader.number(S.windowMinutes.variable, S.windowMinutes.default, { min: 0.1, max: 1_440 });
  const lateMinutes = reader.number(S.latenessMinutes.variable, S.latenessMinutes.default, { min: 0, max: 1_440 });
  const cooldownMs =
    reader.number(S.cooldownMinutes.variable, S.cooldownMinutes.default, { min: 0, max: 10_080 }) * 60_000;
  const share = readShareRule(reader, cooldownMs);
  const webhook = readWebhookSettings(reader);
  const timeZone = reader.string(S.timeZone.variable, reader.string(S.reportTimeZone.variable, systemTimeZone()));
  try {
    assertTimeZone(timeZone, `${S.timeZone.variable} (or ${S.reportTimeZone.variable})`);
  } catch (error: unknown) {
    reader.problem((error as Error).message);
  }
  const config = {
    source: readPostsSource(reader),
    aws: readAwsSettings(reader),
    detector: {
      threshold: reader.integer(S.threshold.variable, S.threshold.default, { min: 0 }),
      windowMs: windowMinutes * 60_000,
      cooldownMs,
      latenessMs: lateMinutes * 60_000,
    },
    ...(share === undefined ? {} : { share }),
    intervalSeconds: reader.integer(S.intervalSeconds.variable, S.intervalSeconds.default, { min: 1, max: 3_600 }),
    ...(topicArn === undefined ? {} : { topicArn }),
    ...(file === 'none' ? {} : { alertsFile: file }),
    ...(webhook === undefined ? {} : { webhook }),
    maxPostsPerPoll: reader.integer(S.maxPostsPerPoll.variable, S.maxPostsPerPoll.default, { min: 10, max: 100_000 }),
    ...(stateFile === 'none' ? {} : { stateFile }),
    dashboardUrl: readDashboardUrl(reader),
    locale: readLocale(reader),
    timeZone,
  };
  if (config.topicArn === undefined && config.alertsFile === undefined && config.webhook === undefined)
    reader.problem('no alert channel: set ALERT_SNS_TOPIC_ARN or ALERT_WEBHOOK_URL, or leave ALERT_FILE on');
  return reader.finish(config);
}
