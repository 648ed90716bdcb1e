// The alerter's typed configuration: flags over environment over defaults, every problem reported at once.
import { readAwsSettings, type AwsSettings } from '../../common/aws/aws-settings';
import { ConfigReader, type Source } from '../../common/config/config-reader';
import { readPostsSource, type PostsSource } from '../posts/posts-source';
import type { BurstDetectorOptions } from './negative-burst-detector';

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
  const topicArn = reader.string('ALERT_SNS_TOPIC_ARN');
  if (topicArn !== undefined && !TOPIC_ARN.test(topicArn))
    reader.problem(`ALERT_SNS_TOPIC_ARN must be an SNS topic ARN, got "${topicArn}"`);
  const file = reader.string('ALERT_FILE', '.local/alerts.jsonl');
  const stateFile = reader.string('ALERT_STATE_FILE', '.local/alert-state.json');
  const windowMinutes = reader.number('ALERT_WINDOW_MINUTES', 5, { min: 0.1, max: 1_440 });
  const lateMinutes = reader.number('ALERT_LATENESS_MINUTES', 10, { min: 0, max: 1_440 });
  const config = {
    source: readPostsSource(reader),
    aws: readAwsSettings(reader),
    detector: {
      threshold: reader.integer('ALERT_THRESHOLD', 3, { min: 0 }),
      windowMs: windowMinutes * 60_000,
      cooldownMs: reader.number('ALERT_COOLDOWN_MINUTES', 10, { min: 0, max: 10_080 }) * 60_000,
      latenessMs: lateMinutes * 60_000,
    },
    intervalSeconds: reader.integer('ALERT_INTERVAL_SECONDS', 15, { min: 1, max: 3_600 }),
    ...(topicArn === undefined ? {} : { topicArn }),
    ...(file === 'none' ? {} : { alertsFile: file }),
    maxPostsPerPoll: reader.integer('ALERT_MAX_POSTS_PER_POLL', 1_000, { min: 10, max: 100_000 }),
    ...(stateFile === 'none' ? {} : { stateFile }),
  };
  if (config.topicArn === undefined && config.alertsFile === undefined)
    reader.problem('no alert channel: set ALERT_SNS_TOPIC_ARN or leave ALERT_FILE on');
  return reader.finish(config);
}
