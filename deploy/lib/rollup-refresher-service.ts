// The rollup refresher in AWS: one small always-on Fargate task (`npm run rollups`) that alone writes the dashboard's rollups, as its own database user.
import type { RemovalPolicy } from 'aws-cdk-lib';
import { SecurityGroup, type IVpc, type SubnetSelection } from 'aws-cdk-lib/aws-ec2';
import { FargateService, type Cluster, type ContainerImage } from 'aws-cdk-lib/aws-ecs';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { rollupsEnv } from '../../reporting/posts/rollup-settings';
import type { TaskSize } from './deploy-settings';
import type { WarehouseLogin } from './warehouse-access';
import { WorkerTask } from './worker-task';

export interface RollupRefresherServiceProps {
  readonly vpc: IVpc;
  readonly privateSubnets: SubnetSelection;
  readonly cluster: Cluster;
  readonly image: ContainerImage;
  /** 0.25 vCPU / 1 GB by default (context rollupCpu, rollupMemoryMiB): a refresh holds an hour's posts in memory. */
  readonly size: TaskSize;
  readonly logRetention: RetentionDays;
  readonly removalPolicy: RemovalPolicy;
  /** The rollup writer's login (warehouse-access.ts): SELECT on the posts, writes on the rollups only. */
  readonly warehouse: WarehouseLogin;
  /** AWS_REGION, LOG_LEVEL: settings every task shares. */
  readonly environment: Readonly<Record<string, string>>;
}

/**
 * An always-on service rather than a scheduled task: the dashboard expects a refresh every minute, and a Fargate task
 * started each minute would pull the worker image through the NAT gateway 43,800 times a month and spend most of its
 * billed minute starting. A sidecar in the alerter's task would cost nothing more but share its memory and its fate.
 * One task: two refreshers would only take turns on the rollups' lock (reporting/posts/rollup-queries.ts).
 */
export class RollupRefresherService extends Construct {
  public readonly task: WorkerTask;
  public readonly service: FargateService;
  public readonly securityGroup: SecurityGroup;

  public constructor(scope: Construct, id: string, props: RollupRefresherServiceProps) {
    super(scope, id);
    this.securityGroup = new SecurityGroup(this, 'SecurityGroup', {
      vpc: props.vpc,
      description: 'Rollup refresher: outbound only (the warehouse)',
    });
    this.task = new WorkerTask(this, 'Rollups', {
      image: props.image,
      size: props.size,
      command: ['node', 'dist/scripts/rollups.js'],
      environment: {
        ...props.environment,
        ...props.warehouse.environment,
        ...rollupsEnv({ logFile: '/dev/stderr' }),
      },
      secrets: props.warehouse.secrets,
      // It calls no AWS API: it reads the posts and rewrites the rollups over pg as its own user.
      statements: [...props.warehouse.statements],
      logRetention: props.logRetention,
      removalPolicy: props.removalPolicy,
    });
    this.service = new FargateService(this, 'Service', {
      cluster: props.cluster,
      taskDefinition: this.task.taskDefinition,
      desiredCount: 1,
      vpcSubnets: props.privateSubnets,
      securityGroups: [this.securityGroup],
      minHealthyPercent: 0,
      maxHealthyPercent: 100,
      circuitBreaker: { rollback: true },
    });
  }
}
