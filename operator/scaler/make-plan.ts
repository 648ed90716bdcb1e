// Gathers the planner's inputs from where the flags say (live stream or what-if, CloudWatch or local store or file) and plans.
import * as fs from 'node:fs';
import type { AwsClientFactory } from '../../common/aws/client-factory';
import { CloudWatchMetricsSource } from '../../common/metrics/cloudwatch-metrics-source';
import { LocalMetricsSource } from '../../common/metrics/local-metrics-store';
import type { MetricsSource } from '../../common/metrics/metrics-source';
import { ToolkitError } from '../../common/errors';
import { describeStreamState } from './kinesis-stream-state';
import { exportWindow, windowFromExport } from './metrics-export';
import { MetricsFileError } from './scaler-errors';
import { parseLedger } from './plan-file';
import type { ScalerConfig } from './scaler-config';
import type { ScalerArgs } from './scaler-args';
import { DynamoDbScalerStore } from './scaler-store';
import type { ScalingPlan, StreamState } from './scaling-plan';
import type { LedgerEntry } from './scaling-budget';
import { planScaling } from './shard-planner';
import { loadStreamMetrics } from './stream-metrics-loader';

export async function makePlan(
  config: ScalerConfig,
  args: ScalerArgs,
  clients: () => AwsClientFactory,
  now: Date,
): Promise<ScalingPlan> {
  const whatIf = args['current-shards'];
  let stream: StreamState;
  if (whatIf !== undefined) {
    const shards = Number(whatIf);
    if (!Number.isInteger(shards) || shards < 1)
      throw new ToolkitError('USAGE', `--current-shards must be a positive integer, got "${whatIf}"`);
    stream = {
      streamName: config.streamName,
      mode: args['on-demand'] === true ? 'ON_DEMAND' : 'PROVISIONED',
      status: 'ACTIVE',
      openShardCount: shards,
    };
  } else {
    stream = await describeStreamState(clients().kinesis(), config.streamName);
  }
  let window;
  if (args['metrics-file'] !== undefined) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(fs.readFileSync(args['metrics-file'], 'utf8'));
    } catch (error: unknown) {
      throw new MetricsFileError(`metrics file ${args['metrics-file']}: ${(error as Error).message}`);
    }
    window = windowFromExport(parsed);
  } else {
    const source: MetricsSource =
      config.metricsSource === 'local'
        ? new LocalMetricsSource(config.metricsDir)
        : new CloudWatchMetricsSource(clients().cloudwatch());
    window = await loadStreamMetrics(source, config.streamName, now, config.policy.windowMinutes);
  }
  if (args['save-metrics'] !== undefined)
    fs.writeFileSync(args['save-metrics'], `${JSON.stringify(exportWindow(window, config.streamName), null, 1)}\n`);
  let ledger: LedgerEntry[];
  if (args['ledger-file'] !== undefined) ledger = parseLedger(fs.readFileSync(args['ledger-file'], 'utf8'));
  else if (whatIf !== undefined) ledger = [];
  else
    ledger = await new DynamoDbScalerStore(clients().dynamodbDocument(), clients().dynamodb(), config.table).readLedger(
      config.streamName,
    );
  return planScaling({ now, stream, window, ledger, policy: config.policy });
}
