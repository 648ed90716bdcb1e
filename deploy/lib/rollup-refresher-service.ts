// The rollup refresher in AWS: one small always-on Fargate task (`npm run rollups`) that alone writes the dashboard's rollups, as its own database user.
import { Duration, Stack, type RemovalPolicy } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { SecurityGroup, type IVpc, type SubnetSelection } from 'aws-cdk-lib/aws-ec2';
import { FargateService, type Cluster, type ContainerImage } from 'aws-cdk-lib/aws-ecs';
import { FilterPattern, MetricFilter, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { ROLLUP_REFRESH_FAILED, rollupsEnv } from '../../reporting/posts/rollup-settings';
import type { Alerting } from './alerting';
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
  readonly alerting: Alerting;
  /** Where the failed-refresh count is published (the stack's metrics namespace). */
  readonly metricsNamespace: string;
}

/** The failed refreshes counted from the task's log (one JSON line each). */
export const ROLLUP_FAILURES_METRIC = 'RollupRefreshFailures';

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
  public readonly failing: Alarm;

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
    this.failing = this.failureAlarm(props);
  }

  /**
   * Refreshes failing for 15 minutes (the user lost a grant, the warehouse refuses it): the dashboard stays right but
   * reads more and more from the posts table, so the operators are told. Counted from the log: one JSON line a failure.
   */
  private failureAlarm(props: RollupRefresherServiceProps): Alarm {
    const filter = new MetricFilter(this, 'FailedRefreshes', {
      logGroup: this.task.logGroup,
      filterPattern: FilterPattern.stringValue('$.message', '=', ROLLUP_REFRESH_FAILED),
      metricNamespace: props.metricsNamespace,
      metricName: ROLLUP_FAILURES_METRIC,
      metricValue: '1',
    });
    const alarm = new Alarm(this, 'Failing', {
      alarmDescription:
        'The rollup refresher has failed every refresh for 15 minutes: the dashboard reads ever more from the posts table (see the RollupRefresher log group, docs/deploying-dashboard.md).',
      metric: filter.metric({ statistic: 'Sum', period: Duration.minutes(5) }),
      threshold: 1,
      evaluationPeriods: 3,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(new SnsAction(props.alerting.topic));
    props.alerting.addWidgets([
      {
        type: 'metric',
        x: 0,
        y: 30,
        width: 12,
        height: 6,
        properties: {
          title: 'Rollup refresher: failed refreshes',
          region: Stack.of(this).region,
          view: 'timeSeries',
          period: 300,
          metrics: [[props.metricsNamespace, ROLLUP_FAILURES_METRIC, { stat: 'Sum' }]],
        },
      },
    ]);
    return alarm;
  }
}
