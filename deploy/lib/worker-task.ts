// One Fargate task definition of the worker image with its own task role (one role per task), execution role and log group.
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import {
  ContainerImage,
  FargateTaskDefinition,
  LogDrivers,
  Secret as EcsSecret,
  type ContainerDefinition,
} from 'aws-cdk-lib/aws-ecs';
import { Role, ServicePrincipal, type PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { TaskSize } from './deploy-settings';
import { acknowledge } from './nag-suppressions';
import { RESOURCELESS_ACTIONS } from './task-policies';

/** tini as PID 1 for the Node jobs too (the consumer's image ENTRYPOINT already starts with it). */
export const NODE_ENTRYPOINT = ['/usr/bin/tini', '--'];

export interface WorkerTaskProps {
  readonly image: ContainerImage;
  readonly size: TaskSize;
  /** Absent: the image's entrypoint (render properties, validate, exec the daemon). */
  readonly command?: readonly string[];
  readonly environment: Readonly<Record<string, string>>;
  readonly secrets?: Readonly<Record<string, EcsSecret>>;
  readonly statements: readonly PolicyStatement[];
  readonly logRetention: RetentionDays;
  readonly removalPolicy: RemovalPolicy;
  readonly stopTimeout?: Duration;
}

export class WorkerTask extends Construct {
  public readonly taskDefinition: FargateTaskDefinition;
  public readonly taskRole: Role;
  public readonly container: ContainerDefinition;
  public readonly logGroup: LogGroup;

  public constructor(scope: Construct, id: string, props: WorkerTaskProps) {
    super(scope, id);
    this.taskRole = new Role(this, 'TaskRole', {
      assumedBy: new ServicePrincipal('ecs-tasks.amazonaws.com'),
      description: `${id}: what the ${id} task may do, nothing more`,
    });
    for (const statement of props.statements) this.taskRole.addToPrincipalPolicy(statement);
    this.taskDefinition = new FargateTaskDefinition(this, 'TaskDefinition', {
      cpu: props.size.cpu,
      memoryLimitMiB: props.size.memoryMiB,
      taskRole: this.taskRole,
    });
    const logGroup = new LogGroup(this, 'Logs', { retention: props.logRetention, removalPolicy: props.removalPolicy });
    this.logGroup = logGroup;
    this.container = this.taskDefinition.addContainer('worker', {
      image: props.image,
      ...(props.command === undefined ? {} : { entryPoint: NODE_ENTRYPOINT, command: [...props.command] }),
      environment: { ...props.environment },
      ...(props.secrets === undefined ? {} : { secrets: { ...props.secrets } }),
      logging: LogDrivers.awsLogs({ logGroup, streamPrefix: id }),
      ...(props.stopTimeout === undefined ? {} : { stopTimeout: props.stopTimeout }),
      essential: true,
    });
    acknowledge(
      this.taskDefinition,
      'ECS2',
      'The environment holds names and settings only; passwords and tokens come from Secrets Manager through ECS secrets.',
    );
    const resourceless = props.statements
      .filter((statement) => statement.resources.includes('*'))
      .flatMap((statement) => statement.actions);
    const unexpected = resourceless.filter((action) => !RESOURCELESS_ACTIONS.includes(action));
    if (unexpected.length > 0)
      throw new Error(`${id}: ${unexpected.join(', ')} on Resource "*" is not in RESOURCELESS_ACTIONS`);
    if (resourceless.length > 0) {
      acknowledge(
        this.taskRole,
        'IAM5[Resource::*]',
        `${[...new Set(resourceless)].join(', ')}: AWS defines no resource type for these actions (service authorization reference); PutMetricData is limited by the cloudwatch:namespace condition, the Data API statement calls by statement-owner-iam-userid.`,
      );
    }
    acknowledge(
      this.taskDefinition.obtainExecutionRole(),
      'IAM5[Resource::*]',
      'ecr:GetAuthorizationToken (added by ECS for image pulls) has no resource type; pulls and logs are scoped to the repository and log group.',
    );
  }
}
