// The alert topic (encrypted, TLS only, e-mail subscriptions), the alerter's webhook secret, the checkpoint monitor's alarms and dashboard, the consumer's iterator-age alarm.
import { Duration, Stack } from 'aws-cdk-lib';
import { CfnAlarm, CfnDashboard, ComparisonOperator, TreatMissingData, Alarm } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IStream } from 'aws-cdk-lib/aws-kinesis';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Secret, type ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import { alarmDefinitions, dashboardBody } from '../../operator/monitor/monitor-alarms';

export interface AlertingProps {
  readonly emails: readonly string[];
  readonly namespace: string;
  readonly applicationName: string;
  readonly stream: IStream;
  /** The literal stream name (alarm names and dimensions read better without tokens). */
  readonly streamName: string;
  readonly checkpointAgeAlarmMs: number;
  /** The chat webhook URL's secret (ALERT_WEBHOOK_URL), created outside the stack: the URL is a credential. */
  readonly webhookSecretArn?: string;
}

export class Alerting extends Construct {
  public readonly topic: Topic;
  public readonly key: Key;
  public readonly alarms: readonly CfnAlarm[];
  /** Handed to the alerter as ALERT_WEBHOOK_URL (an ECS secret: never in the task definition's environment). */
  public readonly webhookSecret?: ISecret;

  public constructor(scope: Construct, id: string, props: AlertingProps) {
    super(scope, id);
    // A customer key: CloudWatch alarms cannot publish to a topic under the AWS-managed aws/sns key.
    const key = new Key(this, 'TopicKey', {
      enableKeyRotation: true,
      description: 'Encrypts the alert topic; CloudWatch alarms may use it to publish',
    });
    key.addToResourcePolicy(
      new PolicyStatement({
        sid: 'CloudWatchAlarmsPublish',
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
    );
    this.key = key;
    if (props.webhookSecretArn !== undefined)
      this.webhookSecret = Secret.fromSecretCompleteArn(this, 'WebhookSecret', props.webhookSecretArn);
    this.topic = new Topic(this, 'Topic', {
      displayName: 'Kinesis sentiment alerts',
      masterKey: key,
      enforceSSL: true,
    });
    for (const email of props.emails) this.topic.addSubscription(new EmailSubscription(email));
    const monitorOptions = {
      namespace: props.namespace,
      application: props.applicationName,
      streamName: props.streamName,
      checkpointAgeThresholdMs: props.checkpointAgeAlarmMs,
    };
    // The same definitions `npm run monitor -- --create-alarms` puts (operator/monitor/monitor-alarms.ts), as CloudFormation resources.
    this.alarms = alarmDefinitions({ ...monitorOptions, actions: [this.topic.topicArn] }).map(
      (def) =>
        new CfnAlarm(this, def.AlarmName ?? 'Alarm', {
          alarmName: def.AlarmName,
          alarmDescription: def.AlarmDescription,
          namespace: def.Namespace,
          metricName: def.MetricName,
          dimensions: def.Dimensions?.map((d) => ({ name: d.Name ?? '', value: d.Value ?? '' })),
          period: def.Period,
          statistic: def.Statistic,
          comparisonOperator: def.ComparisonOperator ?? 'GreaterThanThreshold',
          threshold: def.Threshold,
          evaluationPeriods: def.EvaluationPeriods ?? 1,
          datapointsToAlarm: def.DatapointsToAlarm,
          treatMissingData: def.TreatMissingData,
          alarmActions: def.AlarmActions,
          okActions: def.OKActions,
        }),
    );
    // From the stream's side: the oldest record the consumers have not read (AWS/Kinesis, no monitor needed).
    const iteratorAge = new Alarm(this, 'IteratorAge', {
      alarmDescription:
        'The consumers are more than the checkpoint-age threshold behind the tip of the stream for 5 minutes.',
      metric: props.stream.metricGetRecordsIteratorAgeMilliseconds({
        statistic: 'Maximum',
        period: Duration.minutes(1),
      }),
      threshold: props.checkpointAgeAlarmMs,
      evaluationPeriods: 5,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    iteratorAge.addAlarmAction(new SnsAction(this.topic));
    new CfnDashboard(this, 'Dashboard', {
      dashboardName: `${props.applicationName}-${props.streamName}`,
      dashboardBody: dashboardBody(monitorOptions, Stack.of(this).region),
    });
  }
}
