// The default deployment: resources and their safety settings, schedules and time zone, least-privilege IAM, cdk-nag clean.
import { expect } from 'chai';
import { Match } from 'aws-cdk-lib/assertions';
import {
  iamViolations,
  identityStatements,
  removeSynth,
  statementsOfRole,
  synthesise,
  type Synthesised,
} from './synth-fixture';

const WEBHOOK_SECRET = 'arn:aws:secretsmanager:us-west-2:123456789012:secret:alert-webhook-AbCdEf';

describe('deploy: the default stack', function () {
  this.timeout(300_000);
  let synth: Synthesised;
  after(() => removeSynth(synth));
  before(() => {
    synth = synthesise({
      collectorSource: 'x',
      collectorHashtag: 'SanDiego',
      reportFrom: 'reports@city.example',
      reportTo: 'team@city.example',
      alertEmails: 'ops@city.example',
      alertWebhookSecretArn: WEBHOOK_SECRET,
    });
  });

  it('passes cdk-nag AwsSolutions with every finding acknowledged', () => {
    expect(synth.violations).to.deep.equal([]);
    expect(synth.acknowledged.length).to.be.greaterThan(5);
    for (const ack of synth.acknowledged) expect(ack.reason.length, `${ack.rule} has a reason`).to.be.greaterThan(30);
  });

  it('creates a provisioned, encrypted stream with the shard count', () => {
    synth.template.hasResourceProperties('AWS::Kinesis::Stream', {
      ShardCount: 2,
      StreamModeDetails: { StreamMode: 'PROVISIONED' },
      StreamEncryption: { EncryptionType: 'KMS', KeyId: 'alias/aws/kinesis' },
    });
  });

  it('keeps the archive bucket encrypted, private and TLS-only', () => {
    synth.template.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      LoggingConfiguration: Match.objectLike({ LogFilePrefix: 'archive/' }),
    });
    synth.template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });

  it('creates the KCL 3 lease table (named after the application) with LeaseOwnerToLeaseKeyIndex, and the WorkerMetricStats and CoordinatorState tables', () => {
    synth.template.hasResourceProperties('AWS::DynamoDB::Table', {
      TableName: 'kinesis-sentiment-consumer',
      KeySchema: [{ AttributeName: 'leaseKey', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
      GlobalSecondaryIndexes: [
        {
          IndexName: 'LeaseOwnerToLeaseKeyIndex',
          KeySchema: [
            { AttributeName: 'leaseOwner', KeyType: 'HASH' },
            { AttributeName: 'leaseKey', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'KEYS_ONLY' },
        },
      ],
    });
    synth.template.hasResourceProperties('AWS::DynamoDB::Table', {
      TableName: 'kinesis-sentiment-consumer-WorkerMetricStats',
      KeySchema: [{ AttributeName: 'wid', KeyType: 'HASH' }],
    });
    synth.template.hasResourceProperties('AWS::DynamoDB::Table', {
      TableName: 'kinesis-sentiment-consumer-CoordinatorState',
      KeySchema: [{ AttributeName: 'key', KeyType: 'HASH' }],
    });
  });

  it("grants the KCL 3 tables the lease-table actions minus UpdateTable, and Query on the lease table's indexes", () => {
    const consumer = statementsOfRole(synth.template, 'ConsumerTaskRole');
    const kcl3 = consumer.find((s) => s.Sid === 'Kcl3Tables');
    expect(kcl3?.Resource).to.have.length(2);
    expect(kcl3?.Action).to.include('dynamodb:PutItem').and.not.include('dynamodb:UpdateTable');
    expect(JSON.stringify(consumer.find((s) => s.Sid === 'KclLeaseIndex')?.Resource)).to.include('/index/*');
  });

  it('runs the consumer on Fargate with a stop timeout longer than the daemon grace, CPU scaling and CloudWatch logs', () => {
    const defs = synth.template.findResources('AWS::ECS::TaskDefinition');
    const consumer = Object.entries(defs).find(([id]) => id.startsWith('ConsumerTaskDefinition'));
    expect(consumer, 'consumer task definition').not.to.equal(undefined);
    const container = (consumer?.[1].Properties as { ContainerDefinitions: Array<Record<string, unknown>> })
      .ContainerDefinitions[0] as {
      StopTimeout: number;
      EntryPoint?: unknown;
      Environment: Array<{ Name: string; Value: unknown }>;
      LogConfiguration: { LogDriver: string };
    };
    expect(container.StopTimeout).to.be.at.least(30);
    const env = Object.fromEntries(container.Environment.map((e) => [e.Name, e.Value]));
    expect(Number(env.KCL_SHUTDOWN_GRACE_MILLIS)).to.be.below(container.StopTimeout * 1000);
    expect(container.EntryPoint, 'the image entrypoint (properties + daemon) runs').to.equal(undefined);
    expect(env).to.include({
      KCL_GENERATION: '3',
      KCL_RETRIEVAL_MODE: 'POLLING',
      REDSHIFT_MODE: 'data-api',
      SINKS: 'all',
    });
    expect(container.LogConfiguration.LogDriver).to.equal('awslogs');
    synth.template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalingPolicy', {
      TargetTrackingScalingPolicyConfiguration: Match.objectLike({
        TargetValue: 70,
        PredefinedMetricSpecification: { PredefinedMetricType: 'ECSServiceAverageCPUUtilization' },
      }),
    });
  });

  it("creates Redshift Serverless and runs the project DDL and the dashboard reader's grants through the DDL function", () => {
    synth.template.resourceCountIs('AWS::RedshiftServerless::Workgroup', 1);
    synth.template.hasResourceProperties('AWS::RedshiftServerless::Workgroup', {
      PubliclyAccessible: false,
      BaseCapacity: 8,
    });
    // A function in the VPC (warehouse-ddl.ts) rather than the Data API: it must read the reader's password from its secret.
    const ddl = JSON.stringify(synth.template.findResources('Custom::WarehouseDdl'));
    expect(ddl).to.include('CREATE TABLE IF NOT EXISTS public.post_sentiment');
    expect(ddl).to.include('CREATE TABLE IF NOT EXISTS public.vehicle_readings');
    expect(ddl).to.include('DISTKEY').and.include('"Engine":"redshift"');
    expect(ddl).to.include('GRANT SELECT ON TABLE public.post_sentiment TO dashboard_reader');
  });

  it('schedules the weekly report, the scaler, the monitor, curated compaction and X compliance (with the X collector) in the named time zone', () => {
    const schedules = Object.values(synth.template.findResources('AWS::Scheduler::Schedule')).map(
      (r) => r.Properties as { ScheduleExpression: string; ScheduleExpressionTimezone: string; Description: string },
    );
    expect(schedules).to.have.length(5);
    for (const schedule of schedules) expect(schedule.ScheduleExpressionTimezone).to.equal('America/Los_Angeles');
    const byName = (word: string): string | undefined =>
      schedules.find((s) => s.Description.includes(word))?.ScheduleExpression;
    expect(byName('report')).to.equal('cron(0 8 ? * MON *)');
    expect(byName('scaler')).to.equal('cron(0/5 * * * ? *)');
    expect(byName('monitor')).to.equal('cron(* * * * ? *)');
    expect(byName('X batch compliance')).to.equal('cron(45 4 * * ? *)');
    const commands = JSON.stringify(synth.template.findResources('AWS::ECS::TaskDefinition'));
    expect(commands).to.include('"dist/scripts/scaler.js","run"');
    expect(commands).to.include('"--publish"');
    expect(commands).to.include('"dist/scripts/report.js","--send"');
    expect(commands).to.include('{"Name":"REPORT_TRANSPORT","Value":"ses"}');
    expect(commands).to.include('"dist/scripts/collect.js","--source","x","--hashtag","SanDiego"');
  });

  it("keeps the per-minute monitor's previous observation on an encrypted EFS volume, so stale leases can be seen across runs", () => {
    synth.template.hasResourceProperties('AWS::EFS::FileSystem', { Encrypted: true });
    synth.template.hasResourceProperties('AWS::ECS::TaskDefinition', {
      Volumes: [
        Match.objectLike({
          EFSVolumeConfiguration: Match.objectLike({
            TransitEncryption: 'ENABLED',
            AuthorizationConfig: Match.objectLike({ IAM: 'ENABLED' }),
          }),
        }),
      ],
      ContainerDefinitions: [
        Match.objectLike({
          Command: Match.arrayWith(['--publish']),
          MountPoints: [Match.objectLike({ ContainerPath: '/app/.local/monitor' })],
          Environment: Match.arrayWith([{ Name: 'MONITOR_STATE_FILE', Value: '/app/.local/monitor/state.json' }]),
        }),
      ],
    });
  });

  it('creates the alert topic with its e-mail subscription, the SES sender, the monitor alarms and the dashboard', () => {
    synth.template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'ops@city.example' });
    synth.template.hasResourceProperties('AWS::SES::EmailIdentity', { EmailIdentity: 'reports@city.example' });
    synth.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'MaxCheckpointLagMilliseconds',
      Namespace: 'KinesisToolkit/Consumer',
      AlarmActions: [Match.anyValue()],
    });
    // A batch held by a systemic sink failure (issue 25): the consumer's stream-level HeldBatchAgeMilliseconds.
    synth.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'HeldBatchAgeMilliseconds',
      Namespace: 'KinesisToolkit/Consumer',
      Threshold: 600_000,
      TreatMissingData: 'notBreaching',
      AlarmActions: [Match.anyValue()],
    });
    synth.template.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
  });

  it('alarms to the alert topic when the X collector spends X_MONTHLY_READ_BUDGET, and gives it the budget and its metrics', () => {
    synth.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'XReadBudgetExhausted',
      Namespace: 'KinesisToolkit/Collector',
      Statistic: 'Maximum',
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      AlarmActions: [Match.anyValue()],
    });
    synth.template.hasResourceProperties('AWS::ECS::TaskDefinition', {
      ContainerDefinitions: [
        Match.objectLike({
          Command: Match.arrayWith(['dist/scripts/collect.js']),
          Environment: Match.arrayWith([
            { Name: 'METRICS_MODE', Value: 'cloudwatch' },
            { Name: 'METRICS_NAMESPACE', Value: 'KinesisToolkit/Collector' },
            { Name: 'X_MONTHLY_READ_BUDGET', Value: '2000000' },
          ]),
        }),
      ],
    });
  });

  it("hands the alerter the chat webhook's URL as an ECS secret, never in its environment", () => {
    synth.template.hasResourceProperties('AWS::ECS::TaskDefinition', {
      ContainerDefinitions: [
        Match.objectLike({
          Command: ['node', 'dist/scripts/alert.js'],
          Secrets: Match.arrayWith([{ Name: 'ALERT_WEBHOOK_URL', ValueFrom: WEBHOOK_SECRET }]),
          Environment: Match.arrayWith([
            { Name: 'ALERT_WEBHOOK_FORMAT', Value: 'auto' },
            { Name: 'ALERT_TIME_ZONE', Value: 'America/Los_Angeles' },
            { Name: 'REPORTING_LOCALE', Value: 'en' },
          ]),
        }),
      ],
    });
    expect(JSON.stringify(synth.template.toJSON())).to.not.match(/"Name":"ALERT_WEBHOOK_URL","Value"/);
  });

  it('uses no wildcard action and Resource "*" only for actions AWS defines without resources', () => {
    const statements = identityStatements(synth.template).filter((s) => s.Effect === 'Allow');
    expect(statements.length).to.be.greaterThan(20);
    expect(iamViolations(statements)).to.deep.equal([]);
  });

  it('the IAM check itself catches a wildcard action and an unlisted action on Resource "*"', () => {
    const bad = [
      { policy: 'P1', Effect: 'Allow', Action: ['s3:Get*'], Resource: ['arn:aws:s3:::b/*'] },
      {
        policy: 'P2',
        Effect: 'Allow',
        Action: ['kinesis:GetRecords', 'comprehend:BatchDetectSentiment'],
        Resource: ['*'],
      },
    ];
    expect(iamViolations(bad)).to.deep.equal(['P1: s3:Get*', 'P2: kinesis:GetRecords on *']);
  });

  it('limits PutMetricData to our namespaces by condition', () => {
    const puts = identityStatements(synth.template).filter((s) => s.Action.includes('cloudwatch:PutMetricData'));
    expect(puts.length).to.be.at.least(2);
    for (const put of puts) expect(put.Condition).to.have.nested.property('StringEquals.cloudwatch:namespace');
  });

  it('gives UpdateShardCount only to the scaler and SendRawEmail only to the report', () => {
    const holders = (action: string): string[] => [
      ...new Set(
        identityStatements(synth.template)
          .filter((s) => s.Action.includes(action))
          .map((s) => s.policy),
      ),
    ];
    expect(holders('kinesis:UpdateShardCount')).to.have.length(1);
    expect(holders('kinesis:UpdateShardCount')[0]).to.match(/^ScalerTaskRole/);
    expect(holders('ses:SendRawEmail')).to.have.length(1);
    expect(holders('ses:SendRawEmail')[0]).to.match(/^ReportTaskRole/);
    expect(holders('comprehend:BatchDetectSentiment').every((p) => p.startsWith('ConsumerTaskRole'))).to.equal(true);
    expect(holders('comprehend:BatchDetectKeyPhrases')).to.deep.equal(holders('comprehend:BatchDetectSentiment'));
  });

  it("lets the consumer call Comprehend's sentiment and key phrases, on Resource * (neither has a resource type)", () => {
    const comprehend = statementsOfRole(synth.template, 'ConsumerTaskRole').find(
      (s) => s.Sid === 'ComprehendSentiment',
    );
    expect(comprehend?.Action).to.have.members(['comprehend:BatchDetectSentiment', 'comprehend:BatchDetectKeyPhrases']);
    expect(comprehend?.Resource).to.deep.equal(['*']);
  });

  it('tells the consumer to store Comprehend key phrases (comprehendKeyPhrases, default true)', () => {
    synth.template.hasResourceProperties('AWS::ECS::TaskDefinition', {
      ContainerDefinitions: [
        Match.objectLike({
          Environment: Match.arrayWith([
            { Name: 'SENTIMENT_ANALYZER', Value: 'comprehend' },
            { Name: 'SENTIMENT_COMPREHEND_KEY_PHRASES', Value: 'true' },
          ]),
        }),
      ],
    });
  });

  it('gives the consumer exactly the KCL actions on the stream and lease table, and S3 only under the archive prefixes', () => {
    const consumer = statementsOfRole(synth.template, 'ConsumerTaskRole');
    const kcl = consumer.find((s) => s.Sid === 'KclStream');
    expect(kcl?.Action).to.have.members([
      'kinesis:DescribeStream',
      'kinesis:DescribeStreamSummary',
      'kinesis:RegisterStreamConsumer',
      'kinesis:GetRecords',
      'kinesis:GetShardIterator',
      'kinesis:ListShards',
    ]);
    const lease = consumer.find((s) => s.Sid === 'KclLeaseTable');
    expect(lease?.Action).to.have.members([
      'dynamodb:CreateTable',
      'dynamodb:DescribeTable',
      'dynamodb:UpdateTable',
      'dynamodb:Scan',
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:UpdateItem',
      'dynamodb:DeleteItem',
    ]);
    const objects = consumer.find((s) => s.Sid === 'ArchiveObjects');
    expect(JSON.stringify(objects?.Resource))
      .to.include('/raw/*')
      .and.include('/errors/*')
      .and.include('/archive-state/*');
    expect(objects?.Action).to.not.include('s3:DeleteObject');
    expect(consumer.flatMap((s) => s.Action)).to.not.include('kinesis:UpdateShardCount');
  });
});
