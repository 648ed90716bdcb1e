// The monitor's command line: one observation or one every N seconds; table or JSON; publishes metrics; creates alarms and a dashboard.
import { parseArgs } from 'node:util';
import { settingsText } from '../../common/config/setting';
import { MONITOR_SETTINGS } from './monitor-settings';
import type { Source } from '../../common/config/config-reader';
import { AwsClientFactory } from '../../common/aws/client-factory';
import type { AwsSettings } from '../../common/aws/aws-settings';
import { describeError } from '../../common/errors';
import type { Logger } from '../../common/logger';
import { createMetricsSink } from '../../common/metrics/create-metrics-sink';
import { observeCheckpoints } from './checkpoint-monitor';
import type { CheckpointReport, ObservationState } from './checkpoint-status';
import { readMonitorConfig } from './monitor-config';
import { createAlarms, createDashboard } from './monitor-alarms';
import { readObservationState, writeObservationState } from './observation-state-file';
import { publishReport } from './report-metrics';
import { renderReport } from './report-table';
import { deregisterStreamConsumer } from './stream-consumer';

/** 0 every shard healthy, 1 error, 2 a shard lags, has a stale lease, no lease, no owner, or could not be probed. */
export const MONITOR_EXIT = Object.freeze({ healthy: 0, error: 1, problems: 2 });

export interface MonitorCliDeps {
  readonly env: Source;
  readonly print: (text: string) => void;
  readonly printError: (text: string) => void;
  readonly logger: Logger;
  /** Ends an --interval loop (SIGINT/SIGTERM in the script). */
  readonly signal?: AbortSignal;
  readonly clientFactory?: (settings: AwsSettings) => AwsClientFactory;
}

export const MONITOR_USAGE = `usage: monitor --app NAME --stream NAME [--lease-table T] [--json] [--interval SECONDS] [--state-file F]
               [--publish] [--create-alarms] [--create-dashboard]
       monitor --app NAME --stream NAME --deregister-consumer [--json]
               removes the application's enhanced fan-out consumer (registered by the KCL under the application name)
exit codes: 0 healthy, 1 error, 2 problems found (lagging, stale lease, open shard without lease, unowned lease, probe error)`;

export async function runMonitorCli(argv: readonly string[], deps: MonitorCliDeps): Promise<number> {
  let factory: AwsClientFactory | undefined;
  try {
    const { values } = parseArgs({
      args: [...argv],
      strict: true,
      options: {
        app: { type: 'string' },
        stream: { type: 'string' },
        'lease-table': { type: 'string' },
        json: { type: 'boolean' },
        interval: { type: 'string' },
        'state-file': { type: 'string' },
        publish: { type: 'boolean' },
        'create-alarms': { type: 'boolean' },
        'create-dashboard': { type: 'boolean' },
        'deregister-consumer': { type: 'boolean' },
        help: { type: 'boolean' },
      },
    });
    if (values.help === true) {
      deps.print(MONITOR_USAGE);
      return MONITOR_EXIT.healthy;
    }
    const config = readMonitorConfig(
      settingsText(MONITOR_SETTINGS, {
        application: values.app,
        streamName: values.stream,
        leaseTable: values['lease-table'],
        intervalSeconds: values.interval,
        stateFile: values['state-file'],
        metricsMode: values.publish === true ? 'cloudwatch' : undefined,
      }),
      deps.env,
    );
    factory = (deps.clientFactory ?? ((s) => new AwsClientFactory(s)))(config.aws);
    const clients = factory;
    if (values['deregister-consumer'] === true) {
      const outcome = await deregisterStreamConsumer(clients.kinesis(), config.streamName, config.application);
      deps.print(
        values.json === true
          ? JSON.stringify({ stream: config.streamName, consumer: config.application, outcome })
          : `consumer ${config.application} on ${config.streamName}: ${outcome}`,
      );
      return MONITOR_EXIT.healthy;
    }
    const target = { application: config.application, streamName: config.streamName, leaseTable: config.leaseTable };
    const alarmTarget = {
      namespace: config.metrics.namespace,
      application: config.application,
      streamName: config.streamName,
      checkpointAgeThresholdMs: config.checkpointAgeAlarmMs,
    };
    if (values['create-alarms'] === true)
      deps.print(
        `alarms created: ${(await createAlarms(clients.cloudwatch(), { ...alarmTarget, actions: config.alarmTopicArns })).join(', ')}`,
      );
    if (values['create-dashboard'] === true) {
      await createDashboard(clients.cloudwatch(), config.dashboardName, alarmTarget, config.aws.region);
      deps.print(`dashboard created: ${config.dashboardName}`);
    }
    const sink = createMetricsSink(config.metrics, { cloudwatch: () => clients.cloudwatch(), logger: deps.logger });
    const oneShot = config.intervalSeconds === 0;
    let previous: ObservationState | undefined = oneShot ? readObservationState(config.stateFile) : undefined;
    let last: CheckpointReport | undefined;
    try {
      do {
        const { report, state } = await observeCheckpoints(
          target,
          { kinesis: clients.kinesis(), doc: clients.dynamodbDocument() },
          previous,
          config.options,
        );
        previous = state;
        last = report;
        publishReport(sink, report);
        await sink.flush();
        deps.print(values.json === true ? JSON.stringify(report, null, oneShot ? 2 : undefined) : renderReport(report));
        if (oneShot) writeObservationState(config.stateFile, state);
        else await waitOrAbort(config.intervalSeconds * 1000, deps.signal);
      } while (!oneShot && deps.signal?.aborted !== true);
    } finally {
      await sink.close();
    }
    return oneShot && last !== undefined && hasProblems(last) ? MONITOR_EXIT.problems : MONITOR_EXIT.healthy;
  } catch (error: unknown) {
    deps.logger.error('monitor failed', { error: describeError(error) });
    deps.printError(`ERROR: ${error instanceof Error ? error.message : describeError(error)}`);
    return MONITOR_EXIT.error;
  } finally {
    factory?.destroy();
  }
}

export function hasProblems(report: CheckpointReport): boolean {
  return report.shards.some((r) => ['lagging', 'stale-lease', 'no-lease', 'unowned', 'probe-error'].includes(r.status));
}

function waitOrAbort(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted === true) {
      resolve();
      return;
    }
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
