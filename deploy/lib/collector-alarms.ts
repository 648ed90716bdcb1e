// The collector's alarm: the X collector stopped because X_MONTHLY_READ_BUDGET is spent (its XReadBudgetExhausted metric).
import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, Metric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import { COLLECTOR_METRICS_NAMESPACE } from '../../collector/collector-settings';
import { COLLECTOR_METRIC } from '../../collector/collector-metrics';
import { DIMENSION } from '../../common/metrics/metric-names';

/** Alarms (to `topic`) when the X collector publishes XReadBudgetExhausted >= 1 within 5 minutes. */
export function xReadBudgetAlarm(scope: Construct, topic: ITopic, streamName: string): Alarm {
  const alarm = new Alarm(scope, 'XReadBudgetExhausted', {
    alarmDescription:
      'The X collector stopped: its billable post reads this UTC month reached X_MONTHLY_READ_BUDGET (see docs/collectors.md).',
    metric: new Metric({
      namespace: COLLECTOR_METRICS_NAMESPACE,
      metricName: COLLECTOR_METRIC.xReadBudgetExhausted,
      dimensionsMap: { [DIMENSION.stream]: streamName },
      statistic: 'Maximum',
      period: Duration.minutes(5),
    }),
    threshold: 1,
    evaluationPeriods: 1,
    comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    treatMissingData: TreatMissingData.NOT_BREACHING,
  });
  alarm.addAlarmAction(new SnsAction(topic));
  return alarm;
}
