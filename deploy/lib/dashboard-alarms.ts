// The dashboard's alarms (5xx share of requests, target health) to the alert topic, and its widgets on the operators' dashboard.
import { Duration, Stack } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, MathExpression, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import {
  HttpCodeElb,
  HttpCodeTarget,
  type ApplicationLoadBalancer,
  type ApplicationTargetGroup,
} from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import type { Construct } from 'constructs';
import type { Alerting } from './alerting';

export interface DashboardAlarmsProps {
  readonly loadBalancer: ApplicationLoadBalancer;
  readonly targets: ApplicationTargetGroup;
  readonly alerting: Alerting;
  /** The desired task count: fewer healthy targets than this alarms. */
  readonly tasks: number;
}

/** 5xx share of requests and target health, to the alert topic and onto the operators' dashboard. */
export function addDashboardAlarms(scope: Construct, props: DashboardAlarmsProps): void {
  const { loadBalancer, targets, alerting, tasks } = props;
  const period = Duration.minutes(1);
  const m = loadBalancer.metrics;
  const errorRate = new MathExpression({
    label: 'Dashboard 5xx (% of requests)',
    expression: 'IF(requests > 0, 100 * (target5xx + elb5xx) / requests, 0)',
    usingMetrics: {
      target5xx: m.httpCodeTarget(HttpCodeTarget.TARGET_5XX_COUNT, { statistic: 'Sum', period }),
      elb5xx: m.httpCodeElb(HttpCodeElb.ELB_5XX_COUNT, { statistic: 'Sum', period }),
      requests: m.requestCount({ statistic: 'Sum', period }),
    },
    period,
  });
  const healthy = targets.metrics.healthyHostCount({ statistic: 'Minimum', period });
  const unhealthy = targets.metrics.unhealthyHostCount({ statistic: 'Maximum', period });
  const action = new SnsAction(alerting.topic);
  const alarms = [
    new Alarm(scope, 'ErrorRate', {
      alarmDescription: 'More than 5% of dashboard requests answered 5xx for 5 minutes (targets or the load balancer).',
      metric: errorRate,
      threshold: 5,
      evaluationPeriods: 5,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    }),
    new Alarm(scope, 'HealthyTargets', {
      alarmDescription: `Fewer than ${tasks} healthy dashboard tasks for 5 minutes (/healthz failing or tasks stopped).`,
      metric: healthy,
      threshold: tasks,
      evaluationPeriods: 5,
      comparisonOperator: ComparisonOperator.LESS_THAN_THRESHOLD,
      treatMissingData: TreatMissingData.BREACHING,
    }),
    new Alarm(scope, 'UnhealthyTargets', {
      alarmDescription: 'A dashboard task fails its /healthz check for 5 minutes.',
      metric: unhealthy,
      threshold: 0,
      evaluationPeriods: 5,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    }),
  ];
  for (const alarm of alarms) alarm.addAlarmAction(action);
  const region = Stack.of(scope).region;
  const widget = (x: number, title: string, metrics: unknown[]): object => ({
    type: 'metric',
    x,
    y: 24,
    width: 12,
    height: 6,
    properties: { title, region, view: 'timeSeries', period: 60, metrics },
  });
  const lb = loadBalancer.loadBalancerFullName;
  alerting.addWidgets([
    widget(0, 'Dashboard: requests and 5xx', [
      ['AWS/ApplicationELB', 'RequestCount', 'LoadBalancer', lb, { stat: 'Sum' }],
      ['.', 'HTTPCode_Target_5XX_Count', '.', '.', { stat: 'Sum' }],
      ['.', 'HTTPCode_ELB_5XX_Count', '.', '.', { stat: 'Sum' }],
    ]),
    widget(12, 'Dashboard: healthy and unhealthy tasks', [
      [
        'AWS/ApplicationELB',
        'HealthyHostCount',
        'TargetGroup',
        targets.targetGroupFullName,
        'LoadBalancer',
        lb,
        { stat: 'Minimum' },
      ],
      ['.', 'UnHealthyHostCount', '.', '.', '.', '.', { stat: 'Maximum' }],
    ]),
  ]);
}
