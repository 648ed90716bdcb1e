// The whole system in one stack: stream, archive, lease tables, warehouse, worker services, scheduled jobs, alerts, report sender.
import { Duration, Fn, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import {
  FlowLogDestination,
  FlowLogTrafficType,
  GatewayVpcEndpointAwsService,
  InterfaceVpcEndpointAwsService,
  SecurityGroup,
  SubnetType,
  Vpc,
} from 'aws-cdk-lib/aws-ec2';
import { Platform } from 'aws-cdk-lib/aws-ecr-assets';
import { Repository } from 'aws-cdk-lib/aws-ecr';
import { Cluster, ContainerImage, ContainerInsights, FargateService, Secret as EcsSecret } from 'aws-cdk-lib/aws-ecs';
import { FileSystem } from 'aws-cdk-lib/aws-efs';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { EmailIdentity, Identity } from 'aws-cdk-lib/aws-ses';
import type { Construct } from 'constructs';
import type { DeploySettings } from './deploy-settings';
import { Alerting } from './alerting';
import { LeaseTables } from './lease-tables';
import { AnalyticsCatalog, DEFAULT_BYTES_SCANNED_CUTOFF } from './analytics-catalog';
import { CuratedCompaction } from './curated-compaction';
import { ErasureJobs } from './erasure-jobs';
import { retentionRules } from './retention-rules';
import { ScheduledJobs } from './scheduled-jobs';
import { StreamAndArchive } from './stream-and-archive';
import {
  archiveStatements,
  comprehendStatement,
  kclLeaseStatements,
  kclStreamStatements,
  monitorStatements,
  producerStatements,
  putMetricDataStatement,
  scalerStatements,
  sendReportStatement,
} from './task-policies';
import { createWarehouse } from './warehouse-access';
import { DashboardService } from './dashboard-service';
import { RollupRefresherService } from './rollup-refresher-service';
import { dashboardEnv } from '../../reporting/dashboard/dashboard-settings';
import { WorkerTask } from './worker-task';
import { FanOutConsumerCleanup } from './fan-out-consumer-cleanup';
import { LambdaConsumer } from './lambda-consumer';
import { acknowledge, arnToken, suppressStackFindings } from './nag-suppressions';
import { REPO_ROOT } from '../../common/repo-root';
import { ARCHIVE_PREFIXES, CURATED_PREFIXES, consumerEnv } from '../../consumer/config/consumer-settings';
import { COLLECTOR_METRICS_NAMESPACE, collectorEnv } from '../../collector/collector-settings';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { xReadBudgetAlarm } from './collector-alarms';
import { monitorEnv } from '../../operator/monitor/monitor-settings';
import { scalerEnv } from '../../operator/scaler/scaler-settings';
import { ALERT_SETTINGS, alertEnv } from '../../reporting/alerts/alert-settings';
import { reportEnv } from '../../reporting/report/report-settings';
/** The Node jobs' winston file (`<TOOL>_LOG_FILE`): stderr, which the awslogs driver sends to CloudWatch Logs. */
const LOG_TO_STDERR = '/dev/stderr';
const MONITOR_STATE_DIR = '/app/.local/monitor';
const ECR_IMAGE = /^(\d{12})\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com\/([^:@]+)(?::([^@]+))?$/;

export interface SentimentStackProps extends StackProps {
  readonly settings: DeploySettings;
}

export class SentimentStack extends Stack {
  public readonly settings: DeploySettings;

  public constructor(scope: Construct, id: string, props: SentimentStackProps) {
    super(scope, id, props);
    const s = props.settings;
    this.settings = s;
    const removalPolicy = s.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
    const logRetention = retention(s.logRetentionDays);
    const prefix = s.stackName
      .toLowerCase()
      .replace(/[^a-z0-9-]/g, '-')
      .slice(0, 40);

    const vpc = new Vpc(this, 'Vpc', {
      maxAzs: 3,
      natGateways: s.natGateways,
      subnetConfiguration: [
        { name: 'public', subnetType: SubnetType.PUBLIC, cidrMask: 24 },
        { name: 'private', subnetType: SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 22 },
      ],
    });
    vpc.addFlowLog('FlowLog', {
      destination: FlowLogDestination.toCloudWatchLogs(
        new LogGroup(this, 'FlowLogs', { retention: logRetention, removalPolicy }),
      ),
      trafficType: FlowLogTrafficType.REJECT,
    });
    const privateSubnets = { subnetType: SubnetType.PRIVATE_WITH_EGRESS };
    // Free gateway endpoints: archive writes and lease-table calls do not pay NAT data processing.
    vpc.addGatewayEndpoint('S3Endpoint', { service: GatewayVpcEndpointAwsService.S3 });
    vpc.addGatewayEndpoint('DynamoDbEndpoint', { service: GatewayVpcEndpointAwsService.DYNAMODB });

    const data = new StreamAndArchive(this, 'Data', {
      streamName: s.streamName,
      shardCount: s.shardCount,
      retentionHours: s.retentionHours,
      archiveTransitionDays: s.archiveTransitionDays,
      removalPolicy,
      lifecycleRules: retentionRules(s.retention, {
        raw: ARCHIVE_PREFIXES.data,
        errors: ARCHIVE_PREFIXES.errors,
        curated: CURATED_PREFIXES.data,
      }),
    });
    const tables = new LeaseTables(this, 'Leases', {
      applicationName: s.applicationName,
      kclGeneration: s.kclGeneration,
      scalerTableName: `${s.streamName}-shard-scaler`,
      removalPolicy,
      kcl: s.consumerMode === 'kcl',
    });
    const warehouse = createWarehouse(this, {
      settings: s,
      vpc,
      subnets: privateSubnets,
      resourcePrefix: prefix,
      logRetention,
      removalPolicy,
    });
    const alerting = new Alerting(this, 'Alerting', {
      emails: s.alertEmails,
      namespace: s.metricsNamespace,
      applicationName: s.applicationName,
      stream: data.stream,
      streamName: s.streamName,
      checkpointAgeAlarmMs: s.checkpointAgeAlarmMs,
      ...(s.alertWebhookSecretArn === undefined ? {} : { webhookSecretArn: s.alertWebhookSecretArn }),
    });
    const sender = new EmailIdentity(this, 'ReportSender', { identity: Identity.email(s.reportFrom) });

    const cluster = new Cluster(this, 'Cluster', { vpc, containerInsightsV2: ContainerInsights.ENABLED });
    const image = workerImage(this, s.imageUri);
    const common = { image, logRetention, removalPolicy };
    // Every task: its region, the metrics namespace (consumer and monitor publish there), the consumer's log level.
    const base = consumerEnv({ awsRegion: this.region, metricsNamespace: s.metricsNamespace, logLevel: 'info' });
    const pgSecret = warehouse.tools.secrets;
    const pgEnv = warehouse.tools.environment;
    // The dashboard's public address for the alert's and the report's links, when the stack serves the dashboard.
    const dashboardUrl = s.dashboard === undefined ? undefined : `https://${s.dashboard.domain}/`;

    const consumerSg = new SecurityGroup(this, 'ConsumerSecurityGroup', {
      vpc,
      description: 'Consumer tasks: outbound only',
    });
    // The consumer's settings (consumer/config/consumer-settings.ts): the same for the KCL processor and the Lambda handler.
    const consumerEnvironment = {
      ...base,
      ...consumerEnv({ streamName: s.streamName, applicationName: s.applicationName }),
      ...consumerEnv({
        sinks: 'all',
        archiveBucket: data.bucket.bucketName,
        archivePrefix: ARCHIVE_PREFIXES.data,
        archiveErrorPrefix: ARCHIVE_PREFIXES.errors,
        archiveStatePrefix: ARCHIVE_PREFIXES.state,
        curatedEnabled: true,
        curatedPrefix: CURATED_PREFIXES.data,
        curatedStatePrefix: CURATED_PREFIXES.state,
      }),
      ...warehouse.consumer.environment,
      ...consumerEnv({
        sentimentAnalyzer: s.sentimentAnalyzer,
        sentimentComprehendKeyPhrases: s.comprehendKeyPhrases,
        metricsMode: 'cloudwatch',
      }),
    };
    const sinkPrefixes = [...Object.values(ARCHIVE_PREFIXES), ...Object.values(CURATED_PREFIXES)];
    const sinkStatements = [
      ...archiveStatements(data.bucket, sinkPrefixes, ['s3:PutObject', 's3:GetObject', 's3:AbortMultipartUpload']),
      ...warehouse.consumer.statements,
      ...(s.sentimentAnalyzer === 'comprehend' ? [comprehendStatement()] : []),
    ];
    if (s.consumerMode === 'kcl')
      this.kclConsumer(
        s,
        { ...common, cluster, subnets: privateSubnets, securityGroup: consumerSg },
        data,
        tables,
        consumerEnvironment,
        warehouse.consumer.secrets,
        sinkStatements,
        sinkPrefixes,
      );
    else
      new LambdaConsumer(this, 'LambdaConsumer', {
        settings: s.lambdaConsumer,
        stream: data.stream,
        environment: consumerEnvironment,
        archiveBucket: data.bucket,
        archivePrefixes: sinkPrefixes,
        statements: [putMetricDataStatement([s.metricsNamespace]), ...sinkStatements],
        vpc,
        subnets: privateSubnets,
        securityGroup: consumerSg,
        maxShards: s.scalerMaxShards,
        alarmTopic: alerting.topic,
        logRetention,
        removalPolicy,
      });

    const jobsSg = new SecurityGroup(this, 'JobsSecurityGroup', {
      vpc,
      description: 'Collector, alerter and scheduled jobs: outbound only',
    });
    warehouse.allowPgFrom(jobsSg, 'pg from the alerter and the report');
    if (warehouse.kind === 'postgres') warehouse.allowPgFrom(consumerSg, 'pg from the consumer (its sink)');
    if (s.dashboard !== undefined) {
      const dashboard = new DashboardService(this, 'PublicDashboard', {
        settings: s.dashboard,
        vpc,
        privateSubnets,
        cluster,
        image,
        size: s.jobSize,
        logRetention,
        removalPolicy,
        warehouse: warehouse.dashboard,
        environment: { ...base, ...dashboardEnv({ timeZone: s.timeZone, locale: s.reportingLocale }) },
        alerting,
      });
      warehouse.allowPgFrom(dashboard.securityGroup, 'pg from the dashboard (read-only user)');
      // The dashboard only reads its rollups: this task alone keeps them up to date, as the rollup writer.
      const rollups = new RollupRefresherService(this, 'RollupRefresher', {
        vpc,
        privateSubnets,
        cluster,
        image,
        size: s.rollupSize,
        logRetention,
        removalPolicy,
        warehouse: warehouse.rollups,
        environment: base,
        alerting,
        metricsNamespace: s.metricsNamespace,
      });
      warehouse.allowPgFrom(rollups.securityGroup, 'pg from the rollup refresher (rollup writer)');
    }
    if (s.kinesisVpcEndpoint) {
      // Paid per AZ-hour and GB, far below NAT processing once the stream carries megabytes per second; reachable by our tasks only.
      const endpoint = vpc.addInterfaceEndpoint('KinesisEndpoint', {
        service: InterfaceVpcEndpointAwsService.KINESIS_STREAMS,
        subnets: privateSubnets,
        privateDnsEnabled: true,
        open: false,
      });
      for (const peer of [consumerSg, jobsSg])
        endpoint.connections.allowDefaultPortFrom(peer, 'Kinesis API from our tasks');
    }
    const collectorSecrets =
      s.collectorSource === 'none'
        ? undefined
        : this.collector(s, common, data, cluster, jobsSg, privateSubnets, alerting.topic);

    const alerter = new WorkerTask(this, 'Alerter', {
      ...common,
      size: s.jobSize,
      command: ['node', 'dist/scripts/alert.js'],
      environment: {
        ...base,
        ...pgEnv,
        ...alertEnv({
          snsTopicArn: alerting.topic.topicArn,
          alertsFile: 'none',
          logFile: LOG_TO_STDERR,
          webhookFormat: s.alertWebhookFormat,
          // The alert's times in the zone of the schedules and the report, not the container's UTC.
          timeZone: s.timeZone,
          locale: s.reportingLocale,
          dashboardUrl,
        }),
      },
      secrets: {
        ...pgSecret,
        ...(alerting.webhookSecret === undefined
          ? {}
          : { [ALERT_SETTINGS.webhookUrl.variable]: EcsSecret.fromSecretsManager(alerting.webhookSecret) }),
      },
      statements: [],
    });
    // Not grantPublish: it adds the wildcard action kms:GenerateDataKey*; publishing to an encrypted topic needs exactly these.
    alerter.taskRole.addToPrincipalPolicy(
      new PolicyStatement({ sid: 'PublishAlerts', actions: ['sns:Publish'], resources: [alerting.topic.topicArn] }),
    );
    alerter.taskRole.addToPrincipalPolicy(
      new PolicyStatement({
        sid: 'AlertTopicKey',
        actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
        resources: [alerting.key.keyArn],
      }),
    );
    new FargateService(this, 'AlerterService', {
      cluster,
      taskDefinition: alerter.taskDefinition,
      desiredCount: 1,
      vpcSubnets: privateSubnets,
      securityGroups: [jobsSg],
      minHealthyPercent: 0,
      maxHealthyPercent: 100,
      circuitBreaker: { rollback: true },
    });

    const report = new WorkerTask(this, 'Report', {
      ...common,
      size: s.jobSize,
      command: ['node', 'dist/scripts/report.js', '--send'],
      environment: {
        ...base,
        ...pgEnv,
        ...reportEnv({
          transport: 'ses',
          from: s.reportFrom,
          to: s.reportTo.join(','),
          timeZone: s.timeZone,
          locale: s.reportingLocale,
          logFile: LOG_TO_STDERR,
          dashboardUrl,
        }),
      },
      secrets: pgSecret,
      statements: [sendReportStatement(this, [sender.emailIdentityName, ...s.reportTo])],
    });
    const scaler = new WorkerTask(this, 'Scaler', {
      ...common,
      size: s.jobSize,
      command: ['node', 'dist/scripts/scaler.js', 'run', '--stream', s.streamName, '--json'],
      environment: {
        ...base,
        ...scalerEnv({
          streamName: s.streamName,
          table: tables.scalerTable.tableName,
          maxShards: s.scalerMaxShards,
          operator: 'eventbridge-scheduler',
          logFile: LOG_TO_STDERR,
        }),
      },
      statements: scalerStatements(data.stream, tables.scalerTable),
    });
    // The checkpoint monitor reads the KCL's lease table: it exists only with the KCL consumer.
    const leaseTable = tables.leaseTable;
    const monitor =
      leaseTable === undefined
        ? undefined
        : new WorkerTask(this, 'Monitor', {
            ...common,
            size: s.jobSize,
            // The application and stream come from monitorEnv below, written once (no --app/--stream copies).
            command: ['node', 'dist/scripts/monitor.js', '--publish', '--json'],
            environment: {
              ...base,
              ...monitorEnv({
                application: s.applicationName,
                streamName: s.streamName,
                leaseTable: leaseTable.tableName,
                logFile: LOG_TO_STDERR,
                stateFile: `${MONITOR_STATE_DIR}/state.json`,
              }),
            },
            statements: [...monitorStatements(data.stream, leaseTable), putMetricDataStatement([s.metricsNamespace])],
          });
    if (monitor !== undefined) this.monitorStateVolume(monitor, vpc, jobsSg, privateSubnets, removalPolicy);
    new AnalyticsCatalog(this, 'Analytics', {
      bucket: data.bucket,
      prefixes: { raw: ARCHIVE_PREFIXES.data, errors: ARCHIVE_PREFIXES.errors, curated: CURATED_PREFIXES.data },
      databaseName: prefix.replace(/-/g, '_'),
      bytesScannedCutoffPerQuery: DEFAULT_BYTES_SCANNED_CUTOFF,
      resultsRetentionDays: 7,
      removalPolicy,
    });
    const compaction = new CuratedCompaction(this, 'Curated', {
      ...common,
      bucket: data.bucket,
      size: s.jobSize,
      baseEnvironment: base,
      logFile: LOG_TO_STDERR,
    });
    const erasure = new ErasureJobs(this, 'Erasure', {
      ...common,
      settings: s,
      bucket: data.bucket,
      size: s.jobSize,
      baseEnvironment: base,
      warehouse: warehouse.tools,
      ...(collectorSecrets?.X_BEARER_TOKEN === undefined ? {} : { xBearerToken: collectorSecrets.X_BEARER_TOKEN }),
      logFile: LOG_TO_STDERR,
    });
    new ScheduledJobs(this, 'Schedules', {
      cluster,
      subnets: vpc.selectSubnets(privateSubnets).subnets,
      securityGroup: jobsSg,
      timeZone: s.timeZone,
      jobs: [
        {
          name: 'WeeklyReport',
          task: report,
          expression: s.reportSchedule,
          description: 'Weekly sentiment report by mail (Monday morning)',
          retries: 2,
        },
        {
          name: 'ShardScaler',
          task: scaler,
          expression: s.scalerSchedule,
          description: 'Shard scaler: plan and apply (scaler run)',
          retries: 0,
        },
        ...(monitor === undefined
          ? []
          : [
              {
                name: 'CheckpointMonitor',
                task: monitor,
                expression: s.monitorSchedule,
                description: 'Checkpoint monitor: publish lag metrics (monitor --publish)',
                retries: 0,
              },
            ]),
        compaction.job,
        ...erasure.jobs,
      ],
    });
    suppressStackFindings(this);
  }

  /** The KCL consumer: the MultiLangDaemon with our processor on Fargate, scaled on CPU (consumerMode=kcl). */
  private kclConsumer(
    s: DeploySettings,
    ctx: {
      image: ContainerImage;
      logRetention: RetentionDays;
      removalPolicy: RemovalPolicy;
      cluster: Cluster;
      subnets: { subnetType: SubnetType };
      securityGroup: SecurityGroup;
    },
    data: StreamAndArchive,
    tables: LeaseTables,
    consumerEnvironment: Readonly<Record<string, string>>,
    consumerSecrets: Readonly<Record<string, EcsSecret>>,
    sinkStatements: readonly PolicyStatement[],
    sinkPrefixes: readonly string[],
  ): void {
    const leaseTable = tables.leaseTable;
    if (leaseTable === undefined) throw new Error('the KCL consumer needs its lease table');
    const consumer = new WorkerTask(this, 'Consumer', {
      image: ctx.image,
      logRetention: ctx.logRetention,
      removalPolicy: ctx.removalPolicy,
      size: s.consumer,
      stopTimeout: Duration.seconds(s.consumer.stopTimeoutSeconds),
      environment: {
        ...consumerEnvironment,
        KCL_GENERATION: s.kclGeneration,
        KCL_RETRIEVAL_MODE: s.retrievalMode,
        KCL_METRICS_LEVEL: 'SUMMARY',
        // The daemon's graceful shutdown must end before ECS sends SIGKILL at the stop timeout.
        KCL_SHUTDOWN_GRACE_MILLIS: String((s.consumer.stopTimeoutSeconds - 5) * 1000),
      },
      secrets: consumerSecrets,
      statements: [
        ...kclStreamStatements(data.stream),
        ...kclLeaseStatements(leaseTable, tables.kcl3Tables),
        // The KCL publishes its own metrics under the application name.
        putMetricDataStatement([s.metricsNamespace, s.applicationName]),
        ...sinkStatements,
      ],
    });
    const why = 'The KCL documents these rights (see task-policies.ts)';
    acknowledge(
      consumer.taskRole,
      `IAM5[Resource::${arnToken(data.stream)}/consumer/*]`,
      `${why}: enhanced fan-out consumers are registered by the KCL at run time, under the stream.`,
    );
    acknowledge(
      consumer.taskRole,
      `IAM5[Resource::${arnToken(leaseTable)}/index/*]`,
      `${why}: Query on the lease table's indexes (KCL 3 LeaseOwnerToLeaseKeyIndex).`,
    );
    for (const archivePrefix of sinkPrefixes) {
      acknowledge(
        consumer.taskRole,
        `IAM5[Resource::${arnToken(data.bucket)}/${archivePrefix}/*]`,
        "Objects under the consumer's own archive prefix; keys are per shard and sequence range, so not known in advance.",
      );
    }
    const consumerService = new FargateService(this, 'ConsumerService', {
      cluster: ctx.cluster,
      taskDefinition: consumer.taskDefinition,
      desiredCount: s.consumer.minTasks,
      vpcSubnets: ctx.subnets,
      securityGroups: [ctx.securityGroup],
      minHealthyPercent: 100,
      maxHealthyPercent: 200,
      circuitBreaker: { rollback: true },
    });
    // Enhanced fan-out: the KCL registers a consumer at run time; destroy removes it once the service has stopped.
    if (s.retrievalMode === 'FANOUT')
      consumerService.node.addDependency(
        new FanOutConsumerCleanup(this, 'FanOutConsumerCleanup', {
          stream: data.stream,
          consumerName: s.applicationName,
        }),
      );
    consumerService
      .autoScaleTaskCount({ minCapacity: s.consumer.minTasks, maxCapacity: s.consumer.maxTasks })
      .scaleOnCpuUtilization('Cpu', {
        targetUtilizationPercent: s.consumer.cpuTargetPercent,
        scaleInCooldown: Duration.minutes(5),
        scaleOutCooldown: Duration.minutes(2),
      });
  }

  /**
   * The monitor runs once a minute as a fresh task, but a stale lease is one whose counter did not move since the previous
   * observation: its state file lives on EFS (encrypted, one access point as the image's uid 1000, IAM-authorised mount).
   */
  private monitorStateVolume(
    monitor: WorkerTask,
    vpc: Vpc,
    jobsSg: SecurityGroup,
    subnets: { subnetType: SubnetType },
    removalPolicy: RemovalPolicy,
  ): void {
    const fileSystem = new FileSystem(this, 'MonitorState', {
      vpc,
      vpcSubnets: subnets,
      encrypted: true,
      removalPolicy,
    });
    fileSystem.connections.allowDefaultPortFrom(jobsSg, 'the monitor task mounts its state');
    const accessPoint = fileSystem.addAccessPoint('MonitorAccessPoint', {
      path: '/monitor',
      createAcl: { ownerUid: '1000', ownerGid: '1000', permissions: '750' },
      posixUser: { uid: '1000', gid: '1000' },
    });
    monitor.taskDefinition.addVolume({
      name: 'monitor-state',
      efsVolumeConfiguration: {
        fileSystemId: fileSystem.fileSystemId,
        transitEncryption: 'ENABLED',
        authorizationConfig: { accessPointId: accessPoint.accessPointId, iam: 'ENABLED' },
      },
    });
    monitor.container.addMountPoints({
      containerPath: MONITOR_STATE_DIR,
      sourceVolume: 'monitor-state',
      readOnly: false,
    });
    monitor.taskRole.addToPrincipalPolicy(
      new PolicyStatement({
        sid: 'MonitorStateMount',
        actions: ['elasticfilesystem:ClientMount', 'elasticfilesystem:ClientWrite'],
        resources: [fileSystem.fileSystemArn],
        conditions: { StringEquals: { 'elasticfilesystem:AccessPointArn': accessPoint.accessPointArn } },
      }),
    );
  }

  /** Env-agnostic stacks see two AZs; Redshift Serverless wants subnets in three. */
  public override get availabilityZones(): string[] {
    return [0, 1, 2].map((index) => Fn.select(index, Fn.getAzs()));
  }

  private collector(
    s: DeploySettings,
    common: { image: ContainerImage; logRetention: RetentionDays; removalPolicy: RemovalPolicy },
    data: StreamAndArchive,
    cluster: Cluster,
    sg: SecurityGroup,
    subnets: { subnetType: SubnetType },
    topic: ITopic,
  ): Readonly<Record<string, EcsSecret>> {
    // Third-party tokens: created empty-looking (a random placeholder); put the real value after deploy (docs/deploying.md).
    const secretNames =
      s.collectorSource === 'x' ? ['X_BEARER_TOKEN'] : ['INSTAGRAM_ACCESS_TOKEN', 'INSTAGRAM_USER_ID'];
    const secrets = Object.fromEntries(
      secretNames.map((name) => {
        const secret = new Secret(this, `Collector${name}`, {
          description: `${name} for the ${s.collectorSource} collector: set it with aws secretsmanager put-secret-value`,
        });
        acknowledge(
          secret,
          'SMG4',
          'A third-party token: only its issuer (X or Meta) can rotate it; the new value is put with put-secret-value.',
        );
        return [name, EcsSecret.fromSecretsManager(secret)];
      }),
    );
    const task = new WorkerTask(this, 'Collector', {
      ...common,
      size: s.jobSize,
      command: [
        'node',
        'dist/scripts/collect.js',
        '--source',
        s.collectorSource,
        '--hashtag',
        s.collectorHashtag,
        // The stream comes from collectorEnv below (KINESIS_STREAM_NAME), written once.
        '--log-file',
        LOG_TO_STDERR,
      ],
      environment: collectorEnv({
        awsRegion: this.region,
        streamName: s.streamName,
        metricsMode: 'cloudwatch',
        metricsNamespace: COLLECTOR_METRICS_NAMESPACE,
        xMonthlyReadBudget: s.collectorXMonthlyReadBudget,
      }),
      secrets,
      statements: [...producerStatements(data.stream), putMetricDataStatement([COLLECTOR_METRICS_NAMESPACE])],
    });
    if (s.collectorSource === 'x') xReadBudgetAlarm(this, topic, s.streamName);
    // One connection per app for the X filtered stream: exactly one task, stopped before its replacement starts.
    new FargateService(this, 'CollectorService', {
      cluster,
      taskDefinition: task.taskDefinition,
      desiredCount: 1,
      vpcSubnets: subnets,
      securityGroups: [sg],
      minHealthyPercent: 0,
      maxHealthyPercent: 100,
      circuitBreaker: { rollback: true },
    });
    return secrets;
  }
}

function workerImage(scope: Construct, imageUri: string | undefined): ContainerImage {
  if (imageUri === undefined)
    return ContainerImage.fromAsset(REPO_ROOT, { file: 'deploy/image/Dockerfile', platform: Platform.LINUX_AMD64 });
  const ecr = ECR_IMAGE.exec(imageUri);
  // An ECR image gets pull rights on its repository; any other registry must be public.
  if (ecr !== null)
    return ContainerImage.fromEcrRepository(
      Repository.fromRepositoryAttributes(scope, 'WorkerRepository', {
        repositoryName: ecr[3] ?? '',
        repositoryArn: `arn:aws:ecr:${ecr[2]}:${ecr[1]}:repository/${ecr[3]}`,
      }),
      ecr[4] ?? 'latest',
    );
  return ContainerImage.fromRegistry(imageUri);
}

function retention(days: number): RetentionDays {
  const allowed = Object.values(RetentionDays)
    .filter((value): value is RetentionDays => typeof value === 'number')
    .sort((a, b) => a - b);
  return allowed.find((value) => value >= days) ?? RetentionDays.TEN_YEARS;
}
