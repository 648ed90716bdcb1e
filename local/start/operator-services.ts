// What `npm start` runs for the operators beside the pipeline: the checkpoint monitor writing the local metrics store, and with --autoscale the scheduled scaler.
import type { Logger } from '../../common/logger';
import type { AwsClientFactory } from '../../common/aws/client-factory';
import { startAutoscaler, type Autoscaler } from './autoscaler';
import { startCheckpointPublisher } from './checkpoint-publisher';
import type { StackEndpoints } from '../stand-ins/local-stack';
import type { StartArgs } from './start-args';

/** The checkpoint monitor observes every 30 s under `npm start` (the `monitor --interval` default for people is on demand). */
export const LOCAL_MONITOR_INTERVAL_MS = 30_000;

export interface OperatorServicesOptions {
  readonly args: StartArgs;
  readonly endpoints: StackEndpoints;
  readonly factory: AwsClientFactory;
  readonly metricsDir: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly logger: Logger;
  readonly say: (line: string) => void;
}

export function startOperatorServices(options: OperatorServicesOptions): { stop(): Promise<void> } {
  const { args } = options;
  const publisher = startCheckpointPublisher({
    target: { application: args.applicationName, streamName: args.streamName },
    clients: { kinesis: options.factory.kinesis(), doc: options.factory.dynamodbDocument() },
    metricsDir: options.metricsDir,
    intervalMs: LOCAL_MONITOR_INTERVAL_MS,
    logger: options.logger.child({ component: 'checkpoint-publisher' }),
  });
  let autoscaler: Autoscaler | undefined;
  if (args.autoscale) {
    options.say(
      `autoscale: the scaler's run every ${args.autoscaleInterval} s against ${args.streamName} (local metrics; policy from SCALER_* variables)`,
    );
    autoscaler = startAutoscaler({
      streamName: args.streamName,
      endpoints: options.endpoints,
      metricsDir: options.metricsDir,
      intervalMs: args.autoscaleInterval * 1000,
      env: options.env,
      logger: options.logger,
      say: options.say,
    });
  }
  return {
    stop: async () => {
      await Promise.all([publisher.stop(), autoscaler?.stop()]);
    },
  };
}
