// The checkpoint monitor's live view for a web page: one observation at a time, kept a few seconds, stale-lease memory across requests.
import { AwsClientFactory } from '../../common/aws/client-factory';
import { readStreamName } from '../../common/config/stream-name';
import { MONITOR_SETTINGS } from './monitor-settings';
import { readAwsSettings } from '../../common/aws/aws-settings';
import { ConfigReader, type Source } from '../../common/config/config-reader';
import { describeError } from '../../common/errors';
import type { Logger } from '../../common/logger';
import {
  observeCheckpoints,
  DEFAULT_MONITOR_OPTIONS,
  type MonitorDeps,
  type MonitorOptions,
  type MonitorTarget,
} from './checkpoint-monitor';
import type { CheckpointReport, ObservationState } from './checkpoint-status';

/** What a page needs: the newest report (per-shard owner, counter, checkpoint, lag, status). */
export interface CheckpointView {
  readonly target: MonitorTarget;
  report(): Promise<CheckpointReport>;
}

/** Observations closer together than this share one (each costs a Scan, ListShards and GetRecords per shard). */
export const CHECKPOINT_VIEW_MAX_AGE_MS = 2_000;

export class LiveCheckpointView implements CheckpointView {
  private previous: ObservationState | undefined;
  private last: { at: number; report: Promise<CheckpointReport> } | undefined;

  public constructor(
    public readonly target: MonitorTarget,
    private readonly deps: MonitorDeps,
    private readonly options: MonitorOptions = DEFAULT_MONITOR_OPTIONS,
    private readonly now: () => number = Date.now,
  ) {}

  public report(): Promise<CheckpointReport> {
    const at = this.now();
    if (this.last !== undefined && at - this.last.at < CHECKPOINT_VIEW_MAX_AGE_MS) return this.last.report;
    const report = observeCheckpoints(this.target, this.deps, this.previous, this.options).then(
      ({ report: r, state }) => {
        this.previous = state;
        return r;
      },
    );
    this.last = { at, report };
    // A failed observation is not cached: the next request tries again.
    report.catch(() => {
      if (this.last?.report === report) this.last = undefined;
    });
    return report;
  }
}

/**
 * The view for the application and stream the environment names (KCL_APPLICATION_NAME, KINESIS_STREAM_NAME; locally the
 * local-or-cloud resolution fills them from .local/endpoints.json), or undefined when either is missing.
 */
export function checkpointViewFromEnv(
  env: Source,
  logger: Logger,
): { view: CheckpointView; close(): void } | undefined {
  const reader = new ConfigReader('checkpoint view', [env]);
  const application = reader.string(MONITOR_SETTINGS.application.variable);
  const streamName = readStreamName(reader, { required: false });
  if (application === undefined || streamName === undefined) return undefined;
  const aws = readAwsSettings(reader);
  try {
    reader.finish({});
  } catch (error: unknown) {
    logger.warn('checkpoint view disabled: bad AWS settings', { error: describeError(error) });
    return undefined;
  }
  const factory = new AwsClientFactory(aws);
  const view = new LiveCheckpointView(
    { application, streamName, leaseTable: reader.string(MONITOR_SETTINGS.leaseTable.variable, application) },
    { kinesis: factory.kinesis(), doc: factory.dynamodbDocument() },
  );
  return { view, close: () => factory.destroy() };
}
