// Under `npm start`, runs the checkpoint monitor on a schedule and writes its metrics into the local store, as `monitor --publish` does to CloudWatch.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { KinesisClient } from '@aws-sdk/client-kinesis';
import { describeError } from '../../common/errors';
import type { Logger } from '../../common/logger';
import { createMetricsSink } from '../../common/metrics/create-metrics-sink';
import { observeCheckpoints, type MonitorTarget } from '../../operator/monitor/checkpoint-monitor';
import type { ObservationState } from '../../operator/monitor/checkpoint-status';
import { publishReport } from '../../operator/monitor/report-metrics';
import { localMetricsConfig } from '../wiring/local-metrics';

export interface CheckpointPublisherOptions {
  readonly target: MonitorTarget;
  readonly clients: { readonly kinesis: KinesisClient; readonly doc: DynamoDBDocumentClient };
  readonly metricsDir: string;
  readonly intervalMs: number;
  readonly logger: Logger;
}

export interface CheckpointPublisher {
  stop(): Promise<void>;
}

/** Observes every `intervalMs` (one at a time); a failed observation is logged and the next one tries again. */
export function startCheckpointPublisher(options: CheckpointPublisherOptions): CheckpointPublisher {
  const sink = createMetricsSink(localMetricsConfig(options.metricsDir, 0), {
    cloudwatch: () => {
      throw new Error('local store only');
    },
    logger: options.logger,
  });
  let previous: ObservationState | undefined;
  let running: Promise<void> = Promise.resolve();
  const observe = async (): Promise<void> => {
    try {
      const { report, state } = await observeCheckpoints(options.target, options.clients, previous);
      previous = state;
      publishReport(sink, report);
      await sink.flush();
    } catch (error: unknown) {
      options.logger.warn('checkpoint observation failed', { error: describeError(error) });
    }
  };
  const timer = setInterval(() => {
    running = running.then(observe);
  }, options.intervalMs);
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
      await sink.close();
    },
  };
}
