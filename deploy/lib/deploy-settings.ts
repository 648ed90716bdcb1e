// The deployment's typed settings, read from CDK context (-c key=value): defaults, ranges, and every problem reported at once.
import { ConfigReader, type Source } from '../../common/config/config-reader';
import { DEFAULT_X_MONTHLY_READ_BUDGET } from '../../collector/collector-settings';
import { isHashtag } from '../../common/hashtag';
import { MONITOR_SETTINGS } from '../../operator/monitor/monitor-settings';
import { DEFAULT_METRICS_NAMESPACE } from '../../common/metrics/metrics-config';
import { DEFAULT_KCL_GENERATION } from '../../daemon/kcl-generation';
import { DEFAULT_LOCALE, LOCALES, type Locale } from '../../reporting/i18n/locale';
import { DASHBOARD_CONTEXT_KEYS, readDashboardSettings, type DashboardSettings } from './dashboard-settings';
import { readWarehouseChoice, WAREHOUSE_CONTEXT_KEYS, type WarehouseChoice } from './warehouse-choice';

export type RedshiftSettings =
  | {
      readonly mode: 'serverless';
      readonly database: string;
      readonly baseCapacityRpu: number;
      readonly adminUser: string;
    }
  | {
      readonly mode: 'existing';
      readonly database: string;
      readonly clusterIdentifier: string;
      readonly secretArn: string;
      readonly pgUrl: string;
    };

export interface TaskSize {
  /** Fargate CPU units (1024 = 1 vCPU). */
  readonly cpu: number;
  readonly memoryMiB: number;
}

/** The Lambda consumer's function and event source mapping (consumerMode=lambda). */
export interface LambdaConsumerSettings {
  /** Records per invocation (Lambda: 1-10,000; default 500). */
  readonly batchSize: number;
  /** Seconds the mapping may wait to fill a batch (0-300). */
  readonly maxBatchingWindowSeconds: number;
  /** Retries of a failing batch before its records go to the on-failure destination (0-10,000). */
  readonly maximumRetryAttempts: number;
  /** Records older than this are sent to the on-failure destination instead (60-604,800 s). */
  readonly maximumRecordAgeSeconds: number;
  readonly memoryMiB: number;
  readonly timeoutSeconds: number;
}

export interface DeploySettings {
  readonly stackName: string;
  readonly streamName: string;
  readonly shardCount: number;
  readonly retentionHours: number;
  /** The KCL application name: also the lease table's name and the KCL's own CloudWatch namespace. */
  readonly applicationName: string;
  readonly kclGeneration: '2' | '3';
  readonly retrievalMode: 'POLLING' | 'FANOUT';
  /** `kcl` (default): the MultiLangDaemon on Fargate with lease tables; `lambda`: the Lambda consumer, no KCL resources. */
  readonly consumerMode: 'kcl' | 'lambda';
  readonly lambdaConsumer: LambdaConsumerSettings;
  /** Days after which archive objects move to S3 Glacier Instant Retrieval; 0 keeps them in S3 Standard. */
  readonly archiveTransitionDays: number;
  /** Keep the bucket, tables and stream on `cdk destroy` (true), or delete them with the stack. */
  readonly retainData: boolean;
  /** Days each S3 dataset is kept before S3 lifecycle deletes it; 0 keeps it for ever (docs/analysts.md). */
  readonly retention: { readonly rawDays: number; readonly deadLetterDays: number; readonly curatedDays: number };
  /** Whole days of warehouse rows kept by the scheduled `npm run retention`; 0 keeps them for ever (no schedule). */
  readonly warehouseRetentionDays: number;
  readonly redshift: RedshiftSettings;
  readonly consumer: TaskSize & {
    readonly minTasks: number;
    readonly maxTasks: number;
    readonly cpuTargetPercent: number;
    readonly stopTimeoutSeconds: number;
  };
  readonly jobSize: TaskSize;
  /** The rollup refresher's task (deployed with the public dashboard): 0.25 vCPU; memory for an hour of posts. */
  readonly rollupSize: TaskSize;
  readonly sentimentAnalyzer: 'comprehend' | 'local';
  /** SENTIMENT_COMPREHEND_KEY_PHRASES of the consumer: Comprehend's key phrases stored with each post (doubles the Comprehend bill). */
  readonly comprehendKeyPhrases: boolean;
  readonly collectorSource: 'x' | 'instagram' | 'none';
  /** The hashtag the collector follows (required with a source). */
  readonly collectorHashtag: string;
  /** X_MONTHLY_READ_BUDGET of the X collector: billable post reads per UTC month before it stops (and alarms). */
  readonly collectorXMonthlyReadBudget: number;
  readonly alertEmails: readonly string[];
  /** A Secrets Manager secret (created by you) whose value is the chat webhook URL; absent: no webhook. */
  readonly alertWebhookSecretArn?: string;
  /** ALERT_WEBHOOK_FORMAT: auto (from the URL's host), slack or teams. */
  readonly alertWebhookFormat: 'auto' | 'slack' | 'teams';
  readonly reportFrom: string;
  readonly reportTo: readonly string[];
  /** IANA time zone of every schedule (EventBridge Scheduler handles daylight saving). */
  readonly timeZone: string;
  /** REPORTING_LOCALE of the report task, the alerter and the dashboard: the mail's, the alert's and the page's default language. */
  readonly reportingLocale: Locale;
  readonly reportSchedule: string;
  readonly scalerSchedule: string;
  readonly monitorSchedule: string;
  /** When the warehouse's retention delete runs (npm run retention; only with warehouseRetentionDays > 0). */
  readonly retentionSchedule: string;
  /** When X's batch compliance results are fetched and fed to forget (npm run x-compliance; only with collectorSource x). */
  readonly xComplianceSchedule: string;
  readonly natGateways: number;
  /** An interface endpoint for Kinesis in the private subnets: Kinesis traffic skips the NAT's per-GB charge. */
  readonly kinesisVpcEndpoint: boolean;
  /** A prebuilt worker image (for example in ECR); absent: CDK builds deploy/image/Dockerfile as an asset. */
  readonly imageUri?: string;
  readonly metricsNamespace: string;
  readonly logRetentionDays: number;
  readonly checkpointAgeAlarmMs: number;
  readonly scalerMaxShards: number;
  /** Redshift (default) or an RDS for PostgreSQL instance (warehouse-choice.ts). */
  readonly warehouse: WarehouseChoice;
  /** The public dashboard; absent without dashboardDomain and dashboardCertificateArn. */
  readonly dashboard?: DashboardSettings;
}

/** Context keys, as docs/deploying.md lists them. */
export const CONTEXT_KEYS = [
  'stackName',
  'streamName',
  'shardCount',
  'retentionHours',
  'applicationName',
  'kclGeneration',
  'retrievalMode',
  'consumerMode',
  'lambdaBatchSize',
  'lambdaBatchingWindowSeconds',
  'lambdaMaxRetryAttempts',
  'lambdaMaxRecordAgeSeconds',
  'lambdaMemoryMiB',
  'lambdaTimeoutSeconds',
  'archiveTransitionDays',
  'retainData',
  'rawRetentionDays',
  'deadLetterRetentionDays',
  'curatedRetentionDays',
  'warehouseRetentionDays',
  'redshift',
  'redshiftDatabase',
  'redshiftBaseCapacity',
  'redshiftAdminUser',
  'redshiftClusterId',
  'redshiftSecretArn',
  'redshiftUrl',
  'consumerCpu',
  'consumerMemoryMiB',
  'consumerMinTasks',
  'consumerMaxTasks',
  'consumerCpuTargetPercent',
  'stopTimeoutSeconds',
  'jobCpu',
  'jobMemoryMiB',
  'rollupCpu',
  'rollupMemoryMiB',
  'sentimentAnalyzer',
  'comprehendKeyPhrases',
  'collectorSource',
  'collectorHashtag',
  'collectorXMonthlyReadBudget',
  'alertEmails',
  'alertWebhookSecretArn',
  'alertWebhookFormat',
  'reportFrom',
  'reportTo',
  'timeZone',
  'reportingLocale',
  'reportSchedule',
  'scalerSchedule',
  'monitorSchedule',
  'retentionSchedule',
  'xComplianceSchedule',
  'natGateways',
  'kinesisVpcEndpoint',
  'imageUri',
  'metricsNamespace',
  'logRetentionDays',
  'checkpointAgeAlarmMs',
  'scalerMaxShards',
  ...WAREHOUSE_CONTEXT_KEYS,
  ...DASHBOARD_CONTEXT_KEYS,
] as const;

export const EXAMPLE_REPORT_FROM = 'reports@example.org';
const NAME = /^[a-zA-Z0-9_.-]{1,128}$/;
const EMAIL = /^[^\s@,]+@[^\s@,]+\.[^\s@,]+$/;
const CRON = /^(cron|rate|at)\(.+\)$/;
/** Fargate's valid CPU/memory pairs for the sizes we allow (memory in MiB). */
const FARGATE_MEMORY: Readonly<Record<number, readonly [number, number]>> = {
  256: [512, 2048],
  512: [1024, 4096],
  1024: [2048, 8192],
  2048: [4096, 16384],
  4096: [8192, 30720],
};

function list(value: string): string[] {
  return value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

function taskSize(reader: ConfigReader, cpuKey: string, memoryKey: string, cpu: number, memory: number): TaskSize {
  const size = { cpu: reader.integer(cpuKey, cpu), memoryMiB: reader.integer(memoryKey, memory) };
  const range = FARGATE_MEMORY[size.cpu];
  if (range === undefined)
    reader.problem(`${cpuKey} must be one of ${Object.keys(FARGATE_MEMORY).join(', ')}, got ${size.cpu}`);
  else if (
    size.memoryMiB < range[0] ||
    size.memoryMiB > range[1] ||
    (size.memoryMiB % 1024 !== 0 && size.memoryMiB !== 512)
  ) {
    reader.problem(
      `${memoryKey} ${size.memoryMiB} does not fit ${cpuKey} ${size.cpu} (Fargate: ${range[0]}-${range[1]} MiB in 1 GiB steps)`,
    );
  }
  return size;
}

function readRedshift(reader: ConfigReader): RedshiftSettings {
  const mode = reader.oneOf('redshift', ['serverless', 'existing'] as const, 'serverless');
  const database = reader.string('redshiftDatabase', 'dev');
  if (!/^[a-z_][a-z0-9_]{0,63}$/.test(database))
    reader.problem(`redshiftDatabase "${database}" must be a lower-case identifier`);
  if (mode === 'serverless') {
    return {
      mode,
      database,
      baseCapacityRpu: reader.integer('redshiftBaseCapacity', 8, { min: 8, max: 1024 }),
      adminUser: reader.string('redshiftAdminUser', 'sentiment_admin'),
    };
  }
  // The people tools read with pg: a URL without the password, which comes from the secret's `password` key.
  const pgUrl = reader.required('redshiftUrl');
  if (pgUrl !== '' && !/^postgres(ql)?:\/\/[^\s/@:]+@[^\s/]+\/[^\s/?]+$/.test(pgUrl))
    reader.problem(
      'redshiftUrl must look like postgres://user@host:port/database (no password: it comes from the secret)',
    );
  const secretArn = reader.required('redshiftSecretArn');
  if (secretArn !== '' && !secretArn.startsWith('arn:'))
    reader.problem('redshiftSecretArn must be a Secrets Manager ARN');
  return { mode, database, clusterIdentifier: reader.required('redshiftClusterId'), secretArn, pgUrl };
}

/** Reads every setting from `context`; throws one ConfigError listing all problems. */
export function readDeploySettings(context: Source): DeploySettings {
  const reader = new ConfigReader('deploy context', [context]);
  const names = {
    stackName: reader.string('stackName', 'KinesisSentiment'),
    streamName: reader.string('streamName', 'kinesis-sentiment'),
    applicationName: reader.string('applicationName', 'kinesis-sentiment-consumer'),
  };
  for (const [key, value] of Object.entries(names))
    if (!NAME.test(value)) reader.problem(`${key} "${value}" must be 1-128 letters, digits, _ . -`);
  const shardCount = reader.integer('shardCount', 2, { min: 1, max: 500 });
  const consumerSize = taskSize(reader, 'consumerCpu', 'consumerMemoryMiB', 1024, 2048);
  const minTasks = reader.integer('consumerMinTasks', 1, { min: 1, max: 100 });
  const maxTasks = reader.integer('consumerMaxTasks', Math.max(minTasks, shardCount), { min: 1, max: 100 });
  if (maxTasks < minTasks) reader.problem(`consumerMaxTasks (${maxTasks}) must be >= consumerMinTasks (${minTasks})`);
  const alertEmails = list(reader.string('alertEmails', ''));
  const alertWebhookSecretArn = reader.string('alertWebhookSecretArn');
  if (alertWebhookSecretArn !== undefined && !/^arn:aws[a-z-]*:secretsmanager:/.test(alertWebhookSecretArn))
    reader.problem('alertWebhookSecretArn must be a Secrets Manager secret ARN');
  const reportTo = list(reader.string('reportTo', ''));
  const reportFrom = reader.string('reportFrom', EXAMPLE_REPORT_FROM);
  for (const address of [...alertEmails, ...reportTo, reportFrom])
    if (!EMAIL.test(address)) reader.problem(`"${address}" is not an e-mail address`);
  const schedules = {
    reportSchedule: reader.string('reportSchedule', 'cron(0 8 ? * MON *)'),
    scalerSchedule: reader.string('scalerSchedule', 'cron(0/5 * * * ? *)'),
    monitorSchedule: reader.string('monitorSchedule', 'cron(* * * * ? *)'),
    // Daily, away from compaction's twenty past the hour and from each other (both rewrite or delete warehouse rows).
    retentionSchedule: reader.string('retentionSchedule', 'cron(30 3 * * ? *)'),
    xComplianceSchedule: reader.string('xComplianceSchedule', 'cron(45 4 * * ? *)'),
  };
  for (const [key, value] of Object.entries(schedules))
    if (!CRON.test(value))
      reader.problem(`${key} "${value}" must be an EventBridge Scheduler expression: cron(...), rate(...) or at(...)`);
  const timeZone = reader.string('timeZone', 'America/Los_Angeles');
  if (!isTimeZone(timeZone)) reader.problem(`timeZone "${timeZone}" is not an IANA time zone name`);
  const imageUri = reader.string('imageUri');
  const metricsNamespace = reader.string('metricsNamespace', DEFAULT_METRICS_NAMESPACE);
  if (metricsNamespace.startsWith('AWS/')) reader.problem('metricsNamespace must not start with "AWS/"');
  const stopTimeoutSeconds = reader.integer('stopTimeoutSeconds', 60, { min: 30, max: 120 });
  const dashboard = readDashboardSettings(reader, resourcePrefix(names.stackName));
  const warehouse = readWarehouseChoice(reader);
  if (warehouse.kind === 'postgres' && reader.raw('redshift') === 'existing')
    reader.problem('warehouse=postgres and redshift=existing contradict each other: choose one warehouse');
  // The Lambda consumer reaches Redshift through the Data API; a pg password would have to reach it as an ECS secret.
  if (warehouse.kind === 'postgres' && reader.raw('consumerMode') === 'lambda')
    reader.problem('consumerMode=lambda works with the Redshift warehouse only (Data API): use warehouse=redshift');
  const retentionHours = reader.integer('retentionHours', 24, { min: 24, max: 8760 });
  return reader.finish({
    warehouse,
    ...(dashboard === undefined ? {} : { dashboard }),
    ...names,
    shardCount,
    retentionHours,
    // The project's default generation (daemon/kcl-generation.ts), so local runs and the deployment agree.
    kclGeneration: reader.oneOf('kclGeneration', ['2', '3'] as const, String(DEFAULT_KCL_GENERATION) as '2' | '3'),
    retrievalMode: reader.oneOf('retrievalMode', ['POLLING', 'FANOUT'] as const, 'POLLING'),
    consumerMode: reader.oneOf('consumerMode', ['kcl', 'lambda'] as const, 'kcl'),
    lambdaConsumer: readLambdaConsumer(reader),
    archiveTransitionDays: reader.integer('archiveTransitionDays', 0, { min: 0, max: 3650 }),
    retainData: reader.boolean('retainData', true),
    retention: readRetention(reader, retentionHours),
    warehouseRetentionDays: reader.integer('warehouseRetentionDays', 0, { min: 0, max: 36_500 }),
    redshift: readRedshift(reader),
    consumer: {
      ...consumerSize,
      minTasks,
      maxTasks,
      cpuTargetPercent: reader.integer('consumerCpuTargetPercent', 70, { min: 10, max: 95 }),
      stopTimeoutSeconds,
    },
    jobSize: taskSize(reader, 'jobCpu', 'jobMemoryMiB', 512, 1024),
    rollupSize: taskSize(reader, 'rollupCpu', 'rollupMemoryMiB', 256, 1024),
    sentimentAnalyzer: reader.oneOf('sentimentAnalyzer', ['comprehend', 'local'] as const, 'comprehend'),
    comprehendKeyPhrases: reader.boolean('comprehendKeyPhrases', true),
    ...readCollector(reader),
    alertEmails,
    ...(alertWebhookSecretArn === undefined ? {} : { alertWebhookSecretArn }),
    alertWebhookFormat: reader.oneOf('alertWebhookFormat', ['auto', 'slack', 'teams'] as const, 'auto'),
    reportFrom,
    reportTo,
    timeZone,
    reportingLocale: reader.oneOf('reportingLocale', LOCALES, DEFAULT_LOCALE),
    ...schedules,
    natGateways: reader.integer('natGateways', 1, { min: 1, max: 3 }),
    kinesisVpcEndpoint: reader.boolean('kinesisVpcEndpoint', false),
    ...(imageUri === undefined ? {} : { imageUri }),
    metricsNamespace,
    logRetentionDays: reader.integer('logRetentionDays', 30, { min: 1, max: 3653 }),
    checkpointAgeAlarmMs: reader.integer('checkpointAgeAlarmMs', MONITOR_SETTINGS.checkpointAgeAlarmMs.default, {
      min: 60_000,
    }),
    scalerMaxShards: reader.integer('scalerMaxShards', Math.max(shardCount * 4, 4), { min: shardCount, max: 10_000 }),
  });
}

function readLambdaConsumer(reader: ConfigReader): LambdaConsumerSettings {
  const timeoutSeconds = reader.integer('lambdaTimeoutSeconds', 300, { min: 30, max: 900 });
  return {
    batchSize: reader.integer('lambdaBatchSize', 500, { min: 1, max: 10_000 }),
    maxBatchingWindowSeconds: reader.integer('lambdaBatchingWindowSeconds', 1, { min: 0, max: 300 }),
    maximumRetryAttempts: reader.integer('lambdaMaxRetryAttempts', 10, { min: 0, max: 10_000 }),
    maximumRecordAgeSeconds: reader.integer('lambdaMaxRecordAgeSeconds', 86_400, { min: 60, max: 604_800 }),
    memoryMiB: reader.integer('lambdaMemoryMiB', 1024, { min: 128, max: 10_240 }),
    timeoutSeconds,
  };
}

/** The stack name as a lower-case prefix for resource names (the workgroup, the sign-in domain). */
export function resourcePrefix(stackName: string): string {
  return stackName
    .toLowerCase()
    .replace(/[^a-z0-9-]/g, '-')
    .slice(0, 40);
}

function readRetention(reader: ConfigReader, streamRetentionHours: number): DeploySettings['retention'] {
  const days = (key: string): number => reader.integer(key, 0, { min: 0, max: 36_500 });
  const retention = {
    rawDays: days('rawRetentionDays'),
    deadLetterDays: days('deadLetterRetentionDays'),
    curatedDays: days('curatedRetentionDays'),
  };
  // A replay from the stream must find the objects its progress names: keep every dataset longer than the stream.
  const streamDays = Math.ceil(streamRetentionHours / 24);
  for (const [key, value] of Object.entries(retention))
    if (value !== 0 && value <= streamDays)
      reader.problem(
        `${key.replace('Days', 'RetentionDays')} ${value} must be 0 (keep) or longer than the stream's retention (${streamDays} days)`,
      );
  return retention;
}

function readCollector(reader: ConfigReader): {
  collectorSource: 'x' | 'instagram' | 'none';
  collectorHashtag: string;
  collectorXMonthlyReadBudget: number;
} {
  const collectorSource = reader.oneOf('collectorSource', ['x', 'instagram', 'none'] as const, 'none');
  const collectorHashtag = reader.string('collectorHashtag', '').replace(/^#/, '');
  if (collectorSource !== 'none' && collectorHashtag === '')
    reader.problem(`collectorHashtag is required with collectorSource ${collectorSource}`);
  if (collectorHashtag !== '' && !isHashtag(collectorHashtag))
    reader.problem(`collectorHashtag must be letters, marks, digits or _ (any script), got "${collectorHashtag}"`);
  const collectorXMonthlyReadBudget = reader.integer('collectorXMonthlyReadBudget', DEFAULT_X_MONTHLY_READ_BUDGET, {
    min: 1,
  });
  return { collectorSource, collectorHashtag, collectorXMonthlyReadBudget };
}

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return name.includes('/') || name === 'UTC';
  } catch {
    return false;
  }
}
