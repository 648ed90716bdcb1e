// The pure core of the checkpoint monitor: leases + shards + measured lag + the previous observation in, a per-shard report out.
import type { KclLease } from '../../common/kcl-lease/kcl-lease';
import type { ShardInfo } from './stream-shards';
import type { ShardLag } from './shard-lag-probe';
import type { CoordinatorView } from './worker-metrics';

export type ShardStatus =
  | 'ok'
  | 'lagging'
  | 'stale-lease'
  | 'unowned'
  | 'no-lease'
  | 'waiting-for-parent'
  | 'finished'
  | 'orphan-lease'
  | 'probe-error';

export interface ShardReport {
  readonly shardId: string;
  readonly open: boolean;
  readonly parentShardId: string | null;
  readonly leaseOwner: string | null;
  readonly leaseCounter: number | null;
  readonly checkpoint: string | null;
  readonly checkpointSubSequenceNumber: number | null;
  /** KCL 3: the old owner while a graceful hand-off waits for its checkpoint; null otherwise. */
  readonly checkpointOwner: string | null;
  /** KCL 3: the owner's measured read throughput of the shard, KB/s; null under KCL 2. */
  readonly throughputKBps: number | null;
  readonly lag: ShardLag | null;
  /** How long the lease counter has not moved, across observations (null on the first observation). */
  readonly counterUnchangedMs: number | null;
  readonly staleLease: boolean;
  readonly status: ShardStatus;
}

/** What the monitor remembers between runs (in memory with --interval, or a state file for one-shot runs). */
export interface ObservationState {
  readonly observedAt: string;
  readonly leases: Readonly<
    Record<string, { readonly leaseCounter: number; readonly owner: string | null; readonly since: string }>
  >;
}

export interface CheckpointReport {
  readonly observedAt: string;
  readonly application: string;
  readonly streamName: string;
  readonly shards: readonly ShardReport[];
  readonly summary: {
    readonly openShards: number;
    readonly maxTimeBehindMs: number;
    readonly staleLeases: number;
    readonly shardsWithoutLease: number;
  };
  /** KCL 3 applications: the leader, the client version and each worker's metrics as the coordinator sees them. */
  readonly coordinator?: CoordinatorView;
}

export interface ReportInput {
  readonly now: Date;
  readonly application: string;
  readonly streamName: string;
  readonly leases: readonly KclLease[];
  readonly shards: readonly ShardInfo[];
  readonly lags: ReadonlyMap<string, ShardLag>;
  readonly previous: ObservationState | undefined;
  /** The KCL's failoverTimeMillis: a healthy owner renews (bumps the counter) well within it. */
  readonly failoverTimeMs: number;
  /** Above this time behind, a shard is reported as lagging. */
  readonly lagThresholdMs: number;
}

export function buildReport(input: ReportInput): { report: CheckpointReport; state: ObservationState } {
  const now = input.now.getTime();
  const leaseByShard = new Map(input.leases.map((l) => [l.shardId, l]));
  const stateLeases: Record<string, { leaseCounter: number; owner: string | null; since: string }> = {};
  const rows: ShardReport[] = [];
  const shardIds = new Set(input.shards.map((s) => s.shardId));
  for (const lease of input.leases) {
    const before = input.previous?.leases[lease.leaseKey];
    const since =
      before !== undefined && before.leaseCounter === lease.leaseCounter && before.owner === lease.leaseOwner
        ? before.since
        : input.now.toISOString();
    stateLeases[lease.leaseKey] = { leaseCounter: lease.leaseCounter, owner: lease.leaseOwner, since };
  }
  const rowFor = (shard: ShardInfo | undefined, lease: KclLease | undefined, shardId: string): ShardReport => {
    const lag = input.lags.get(shardId) ?? null;
    const memo = lease === undefined ? undefined : stateLeases[lease.leaseKey];
    const counterUnchangedMs = memo === undefined || input.previous === undefined ? null : now - Date.parse(memo.since);
    const finished = lease?.checkpoint === 'SHARD_END';
    const staleLease =
      lease !== undefined &&
      lease.leaseOwner !== null &&
      !finished &&
      counterUnchangedMs !== null &&
      counterUnchangedMs >= input.failoverTimeMs;
    return {
      shardId,
      open: shard?.open ?? false,
      parentShardId: shard?.parentShardId ?? lease?.parentShardIds[0] ?? null,
      leaseOwner: lease?.leaseOwner ?? null,
      leaseCounter: lease?.leaseCounter ?? null,
      checkpoint: lease?.checkpoint ?? null,
      checkpointSubSequenceNumber: lease?.checkpointSubSequenceNumber ?? null,
      checkpointOwner: lease?.checkpointOwner ?? null,
      throughputKBps: lease?.throughputKBps ?? null,
      lag,
      counterUnchangedMs,
      staleLease,
      status: statusOf(shard, lease, lag, staleLease, leaseByShard, input.lagThresholdMs),
    };
  };
  for (const shard of input.shards) rows.push(rowFor(shard, leaseByShard.get(shard.shardId), shard.shardId));
  for (const lease of input.leases)
    if (!shardIds.has(lease.shardId)) rows.push(rowFor(undefined, lease, lease.shardId));
  const summary = {
    openShards: input.shards.filter((s) => s.open).length,
    maxTimeBehindMs: Math.max(0, ...rows.map((r) => r.lag?.timeBehindMs ?? 0)),
    staleLeases: rows.filter((r) => r.staleLease).length,
    shardsWithoutLease: rows.filter((r) => r.status === 'no-lease').length,
  };
  return {
    report: {
      observedAt: input.now.toISOString(),
      application: input.application,
      streamName: input.streamName,
      shards: rows,
      summary,
    },
    state: { observedAt: input.now.toISOString(), leases: stateLeases },
  };
}

function statusOf(
  shard: ShardInfo | undefined,
  lease: KclLease | undefined,
  lag: ShardLag | null,
  stale: boolean,
  leases: ReadonlyMap<string, KclLease>,
  lagThresholdMs: number,
): ShardStatus {
  if (shard === undefined) return 'orphan-lease';
  if (lease === undefined) {
    if (!shard.open) return 'finished';
    const parents = [shard.parentShardId, shard.adjacentParentShardId].filter((p): p is string => p !== null);
    const parentBusy = parents.some((p) => leases.has(p) && leases.get(p)?.checkpoint !== 'SHARD_END');
    return parentBusy ? 'waiting-for-parent' : 'no-lease';
  }
  if (lease.checkpoint === 'SHARD_END') return 'finished';
  if (stale) return 'stale-lease';
  if (lease.leaseOwner === null) return 'unowned';
  if (lag?.error !== undefined) return 'probe-error';
  if ((lag?.timeBehindMs ?? 0) > lagThresholdMs) return 'lagging';
  return 'ok';
}
