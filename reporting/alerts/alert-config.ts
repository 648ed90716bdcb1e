// The alerter's typed configuration: flags over environment over defaults, every problem reported at once.
import { readAwsSettings, type AwsSettings } from '../../common/aws/aws-settings';
import { ConfigReader, type Source } from '../../common/config/config-reader';
import { readPostsSource, type PostsSource } from '../posts/posts-source';
import type { BurstDetectorOptions } from './negative-burst-detector';
import { ALERT_SETTINGS as S } from './alert-settings';

export interface AlertConfig {
  readonly source: PostsSource;
  readonly aws: AwsSettings;
  readonly detector: BurstDetectorOptions;
  readonly intervalSeconds: number;
  /** SNS topic to publish to; absent means local alerts only. */
  readonly topicArn?: string;
  /** JSON-lines file every alert is appended to; absent when ALERT_FILE=none. */
  readonly alertsFile?: string;
  readonly maxPostsPerPoll: number;
  /** Detector state between runs; absent when ALERT_STATE_FILE=none. */
  readonly stateFile?: string;
}

const TOPIC_ARN = /^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}$/;

export function readAlertConfig(overrides: Source, env: Source): Readonly<AlertConfig> {
  const reader = new ConfigReader('alert', [overrides, env]);
  const topicArn = reader.string(S.snsTopicArn.variable);
  if (topicArn !== undefined && !TOPIC_ARN.test(topicArn))
    reader.problem(`${S.snsTopicArn.variable} must be an SNS topic ARN, got "${topicArn}"`);
  const file = reader.string(S.alertsFile.variable, S.alertsFile.default);
  const stateFile = reader.string(S.stateFile.variable, S.stateFile.default);
  const windowMinutes = reader.number(S.windowMinutes.variable, S.windowMinutes.default, { min: 0.1, max: 1_440 });
  const lateMinutes = reader.number(S.latenessMinutes.variable, S.latenessMinutes.default, { min: 0, max: 1_440 });
  const config = {
    source: readPostsSource(reader),
    aws: readAwsSettings(reader),
    detector: {
      threshold: reader.integer(S.threshold.variable, S.threshold.default, { min: 0 }),
      windowMs: windowMinutes * 60_000,
      cooldownMs:
        reader.number(S.cooldownMinutes.variable, S.cooldownMinutes.default, { min: 0, max: 10_080 }) * 60_000,
      latenessMs: lateMinutes * 60_000,
    },
    intervalSeconds: reader.integer(S.intervalSeconds.variable, S.intervalSeconds.default, { min: 1, max: 3_600 }),
    ...(topicArn === undefined ? {} : { topicArn }),
    ...(file === 'none' ? {} : { alertsFile: file }),
    maxPostsPerPoll: reader.integer(S.maxPostsPerPoll.variable, S.maxPostsPerPoll.default, { min: 10, max: 100_000 }),
    ...(stateFile === 'none' ? {} : { stateFile }),
  };
  if (config.topicArn === undefined && config.alertsFile === undefined)
    reader.problem('no alert channel: set ALERT_SNS_TOPIC_ARN or leave ALERT_FILE on');
  return reader.finish(config);
}
