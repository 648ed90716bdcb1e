// One observation of a KCL application's checkpoints: read leases and shards, probe lag per shard, build the report. Callable from tests and e2e.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { KinesisClient } from '@aws-sdk/client-kinesis';
import { readLeases } from '../../common/kcl-lease/lease-reader';
import { listShards } from './stream-shards';
import { probeShardLag, type LagProbeOptions, type ShardLag } from './shard-lag-probe';
import { buildReport, type CheckpointReport, type ObservationState } from './checkpoint-status';
import { defaultKcl3Tables, readCoordinatorView, type Kcl3Tables } from './worker-metrics';

export interface MonitorTarget {
  /** The KCL applicationName; also the lease table's name unless leaseTable says otherwise. */
  readonly application: string;
  readonly streamName: string;
  readonly leaseTable?: string;
  /** KCL 3 table names when the properties renamed them (default `<application>-WorkerMetricStats` / `-CoordinatorState`). */
  readonly kcl3Tables?: Kcl3Tables;
}

export interface MonitorDeps {
  readonly kinesis: KinesisClient;
  readonly doc: DynamoDBDocumentClient;
  readonly now?: () => number;
}

export interface MonitorOptions extends LagProbeOptions {
  readonly failoverTimeMs: number;
  readonly lagThresholdMs: number;
}

const PROBE_CONCURRENCY = 4;

export const DEFAULT_MONITOR_OPTIONS: MonitorOptions = Object.freeze({
  failoverTimeMs: 10_000,
  lagThresholdMs: 60_000,
  maxRecordsToCount: 1_000,
  maxGetRecordsCalls: 3,
});

export async function observeCheckpoints(
  target: MonitorTarget,
  deps: MonitorDeps,
  previous: ObservationState | undefined,
  options: MonitorOptions = DEFAULT_MONITOR_OPTIONS,
): Promise<{ report: CheckpointReport; state: ObservationState }> {
  const now = deps.now ?? Date.now;
  const [leases, shards] = await Promise.all([
    readLeases(deps.doc, target.leaseTable ?? target.application, target.streamName),
    listShards(deps.kinesis, target.streamName),
  ]);
  const openOrLeased = shards.filter((s) => s.open || leases.some((l) => l.shardId === s.shardId));
  const coordinator = readCoordinatorView(deps.doc, target.kcl3Tables ?? defaultKcl3Tables(target.application), leases);
  const lags = new Map<string, ShardLag>();
  const work = openOrLeased.flatMap((shard) =>
    leases.filter((l) => l.shardId === shard.shardId).map((lease) => ({ shard, lease })),
  );
  // A few probes at a time: each costs GetShardIterator + GetRecords against that shard's own read quota, not a shared one.
  const worker = async (): Promise<void> => {
    for (let next = work.shift(); next !== undefined; next = work.shift()) {
      lags.set(
        next.shard.shardId,
        await probeShardLag(
          deps.kinesis,
          target.streamName,
          next.shard.shardId,
          next.lease.checkpoint,
          next.lease.checkpointSubSequenceNumber,
          options,
          now,
        ),
      );
    }
  };
  await Promise.all(Array.from({ length: PROBE_CONCURRENCY }, worker));
  const built = buildReport({
    now: new Date(now()),
    application: target.application,
    streamName: target.streamName,
    leases,
    shards,
    lags,
    previous,
    failoverTimeMs: options.failoverTimeMs,
    lagThresholdMs: options.lagThresholdMs,
  });
  const view = await coordinator;
  return view === undefined ? built : { ...built, report: { ...built.report, coordinator: view } };
}
