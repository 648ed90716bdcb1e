// The curated dataset in the deployment: its prefixes, and the hourly job that compacts each closed hour (npm run compact).
import type { RemovalPolicy } from 'aws-cdk-lib';
import type { ContainerImage } from 'aws-cdk-lib/aws-ecs';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { CURATED_PREFIXES, consumerEnv } from '../../consumer/config/consumer-settings';
import type { TaskSize } from './deploy-settings';
import { acknowledge, arnToken } from './nag-suppressions';
import type { ScheduledJob } from './scheduled-jobs';
import { archiveStatements } from './task-policies';
import { WorkerTask } from './worker-task';

/** What compaction reads like the consumer: the curated dataset in the archive bucket under the default prefixes. */
const CURATED_ENV = consumerEnv({
  curatedEnabled: true,
  curatedPrefix: CURATED_PREFIXES.data,
  curatedStatePrefix: CURATED_PREFIXES.state,
});

/** Twenty past every hour: the previous hour closed 80 minutes ago under the default 60-minute grace. */
export const COMPACTION_SCHEDULE = 'cron(20 * * * ? *)';

export interface CuratedCompactionProps {
  readonly bucket: IBucket;
  readonly image: ContainerImage;
  readonly size: TaskSize;
  readonly baseEnvironment: Readonly<Record<string, string>>;
  readonly logFile: string;
  readonly logRetention: RetentionDays;
  readonly removalPolicy: RemovalPolicy;
}

export class CuratedCompaction extends Construct {
  public readonly task: WorkerTask;
  public readonly job: ScheduledJob;

  public constructor(scope: Construct, id: string, props: CuratedCompactionProps) {
    super(scope, id);
    const prefixes = Object.values(CURATED_PREFIXES);
    this.task = new WorkerTask(this, 'Compactor', {
      image: props.image,
      size: props.size,
      logRetention: props.logRetention,
      removalPolicy: props.removalPolicy,
      command: ['node', 'dist/scripts/compact.js', '--json'],
      environment: {
        ...props.baseEnvironment,
        ...CURATED_ENV,
        ...consumerEnv({ archiveBucket: props.bucket.bucketName }),
        COMPACT_LOG_FILE: props.logFile,
      },
      statements: archiveStatements(props.bucket, prefixes, ['s3:PutObject', 's3:GetObject', 's3:DeleteObject']),
    });
    for (const prefix of prefixes)
      acknowledge(
        this.task.taskRole,
        `IAM5[Resource::${arnToken(props.bucket)}/${prefix}/*]`,
        'Compaction reads, writes and deletes objects under the curated prefixes only; their keys are per hour and shard, unknown in advance.',
      );
    this.job = {
      name: 'CuratedCompaction',
      task: this.task,
      expression: COMPACTION_SCHEDULE,
      description: 'Curated dataset: compact each closed hour into a few large Parquet objects (compact --json)',
      retries: 0,
    };
  }
}
