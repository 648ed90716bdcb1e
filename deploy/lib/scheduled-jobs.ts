// EventBridge Scheduler schedules that run worker tasks on the cluster, in a named time zone, with one scheduler role limited to them.
import { Stack } from 'aws-cdk-lib';
import type { ICluster } from 'aws-cdk-lib/aws-ecs';
import type { ISecurityGroup, ISubnet } from 'aws-cdk-lib/aws-ec2';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { CfnSchedule } from 'aws-cdk-lib/aws-scheduler';
import { Construct } from 'constructs';
import type { WorkerTask } from './worker-task';

export interface ScheduledJob {
  readonly name: string;
  readonly task: WorkerTask;
  readonly expression: string;
  readonly description: string;
  /** Retries of a failed RunTask call (not of the task): 0 for jobs that run again within minutes. */
  readonly retries: number;
}

export interface ScheduledJobsProps {
  readonly cluster: ICluster;
  readonly subnets: readonly ISubnet[];
  readonly securityGroup: ISecurityGroup;
  readonly timeZone: string;
  readonly jobs: readonly ScheduledJob[];
}

export class ScheduledJobs extends Construct {
  public readonly role: Role;
  public readonly schedules: readonly CfnSchedule[];

  public constructor(scope: Construct, id: string, props: ScheduledJobsProps) {
    super(scope, id);
    const account = Stack.of(this).account;
    this.role = new Role(this, 'SchedulerRole', {
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': account } },
      }),
      description: 'EventBridge Scheduler: run the scheduled worker tasks on this cluster',
    });
    this.role.addToPrincipalPolicy(
      new PolicyStatement({
        sid: 'RunScheduledTasks',
        actions: ['ecs:RunTask'],
        resources: props.jobs.map((job) => job.task.taskDefinition.taskDefinitionArn),
        conditions: { ArnEquals: { 'ecs:cluster': props.cluster.clusterArn } },
      }),
    );
    this.role.addToPrincipalPolicy(
      new PolicyStatement({
        sid: 'PassTaskRoles',
        actions: ['iam:PassRole'],
        resources: props.jobs.flatMap((job) => [
          job.task.taskRole.roleArn,
          job.task.taskDefinition.obtainExecutionRole().roleArn,
        ]),
        conditions: { StringEquals: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' } },
      }),
    );
    this.schedules = props.jobs.map(
      (job) =>
        new CfnSchedule(this, job.name, {
          description: job.description,
          scheduleExpression: job.expression,
          scheduleExpressionTimezone: props.timeZone,
          flexibleTimeWindow: { mode: 'OFF' },
          state: 'ENABLED',
          target: {
            arn: props.cluster.clusterArn,
            roleArn: this.role.roleArn,
            retryPolicy: { maximumRetryAttempts: job.retries },
            ecsParameters: {
              taskDefinitionArn: job.task.taskDefinition.taskDefinitionArn,
              launchType: 'FARGATE',
              taskCount: 1,
              networkConfiguration: {
                awsvpcConfiguration: {
                  subnets: props.subnets.map((subnet) => subnet.subnetId),
                  securityGroups: [props.securityGroup.securityGroupId],
                  assignPublicIp: 'DISABLED',
                },
              },
            },
          },
        }),
    );
  }
}
