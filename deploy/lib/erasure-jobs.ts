// The scheduled erasure jobs: the warehouse's retention delete (npm run retention) and X's deletions fed to forget (npm run x-compliance).
import type { RemovalPolicy } from 'aws-cdk-lib';
import type { ContainerImage, Secret as EcsSecret } from 'aws-cdk-lib/aws-ecs';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { retentionEnv } from '../../analytics/retention/retention-settings';
import { COLLECTOR_SETTINGS, collectorEnv } from '../../collector/collector-settings';
import { ARCHIVE_PREFIXES, CURATED_PREFIXES, consumerEnv } from '../../consumer/config/consumer-settings';
import { postsSourceEnv } from '../../reporting/posts/posts-settings';
import type { DeploySettings, TaskSize } from './deploy-settings';
import { acknowledge, arnToken } from './nag-suppressions';
import type { ScheduledJob } from './scheduled-jobs';
import { archiveStatements } from './task-policies';
import type { WarehouseLogin } from './warehouse-access';
import { VEHICLES_TABLE } from './warehouse-ddl-sql';
import { WorkerTask } from './worker-task';

/** A delete over months of rows, or a forget over the whole archive, takes longer than a dashboard query may. */
const ERASURE_STATEMENT_TIMEOUT_MS = 900_000;

export interface ErasureJobsProps {
  readonly settings: DeploySettings;
  readonly bucket: IBucket;
  readonly image: ContainerImage;
  readonly size: TaskSize;
  readonly baseEnvironment: Readonly<Record<string, string>>;
  /** The people tools' pg login (the admin): retention and forget delete rows. */
  readonly warehouse: WarehouseLogin;
  /** The X collector's bearer token secret; the compliance job exists only with it (collectorSource x). */
  readonly xBearerToken?: EcsSecret;
  readonly logFile: string;
  readonly logRetention: RetentionDays;
  readonly removalPolicy: RemovalPolicy;
}

export class ErasureJobs extends Construct {
  public readonly jobs: readonly ScheduledJob[];
  public readonly retentionTask?: WorkerTask;
  public readonly complianceTask?: WorkerTask;

  public constructor(scope: Construct, id: string, props: ErasureJobsProps) {
    super(scope, id);
    const s = props.settings;
    const common = {
      image: props.image,
      size: props.size,
      logRetention: props.logRetention,
      removalPolicy: props.removalPolicy,
    };
    const warehouseEnv = {
      ...props.warehouse.environment,
      ...postsSourceEnv({ redshiftStatementTimeoutMs: ERASURE_STATEMENT_TIMEOUT_MS }),
    };
    const jobs: ScheduledJob[] = [];
    if (s.warehouseRetentionDays > 0) {
      this.retentionTask = new WorkerTask(this, 'Retention', {
        ...common,
        command: ['node', 'dist/scripts/retention.js', '--json'],
        environment: {
          ...props.baseEnvironment,
          ...warehouseEnv,
          ...retentionEnv({ warehouseRetentionDays: s.warehouseRetentionDays, vehiclesTable: VEHICLES_TABLE }),
          RETENTION_LOG_FILE: props.logFile,
        },
        secrets: props.warehouse.secrets,
        statements: [...props.warehouse.statements],
      });
      jobs.push({
        name: 'WarehouseRetention',
        task: this.retentionTask,
        expression: s.retentionSchedule,
        description: `Warehouse retention: delete rows older than ${s.warehouseRetentionDays} days (retention --json)`,
        retries: 1,
      });
    }
    if (props.xBearerToken !== undefined) {
      const prefixes = [
        ARCHIVE_PREFIXES.data,
        ARCHIVE_PREFIXES.errors,
        ARCHIVE_PREFIXES.state,
        ...Object.values(CURATED_PREFIXES),
      ];
      this.complianceTask = new WorkerTask(this, 'XCompliance', {
        ...common,
        command: ['node', 'dist/scripts/x-compliance.js', '--json'],
        environment: {
          ...props.baseEnvironment,
          ...warehouseEnv,
          ...consumerEnv({
            archiveBucket: props.bucket.bucketName,
            archivePrefix: ARCHIVE_PREFIXES.data,
            archiveErrorPrefix: ARCHIVE_PREFIXES.errors,
            archiveStatePrefix: ARCHIVE_PREFIXES.state,
            curatedEnabled: true,
            curatedPrefix: CURATED_PREFIXES.data,
            curatedStatePrefix: CURATED_PREFIXES.state,
          }),
          ...collectorEnv({ xApiBaseUrl: COLLECTOR_SETTINGS.xApiBaseUrl.default }),
          X_COMPLIANCE_LOG_FILE: props.logFile,
        },
        secrets: { ...props.warehouse.secrets, [COLLECTOR_SETTINGS.xBearerToken.variable]: props.xBearerToken },
        statements: [
          ...props.warehouse.statements,
          ...archiveStatements(props.bucket, prefixes, ['s3:GetObject', 's3:PutObject', 's3:DeleteObject']),
        ],
      });
      for (const prefix of prefixes)
        acknowledge(
          this.complianceTask.taskRole,
          `IAM5[Resource::${arnToken(props.bucket)}/${prefix}/*]`,
          'Erasure rewrites or deletes the archive, dead-letter and curated objects that hold a deleted post; their keys are per hour and shard, unknown in advance.',
        );
      jobs.push({
        name: 'XCompliance',
        task: this.complianceTask,
        expression: s.xComplianceSchedule,
        description: 'X batch compliance: forget every stored post X reports deleted (x-compliance --json)',
        retries: 1,
      });
    }
    this.jobs = jobs;
  }
}
