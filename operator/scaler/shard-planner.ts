// The pure scaling planner: stream state + metrics window + ledger + policy in, a ScalingPlan with its reasons out. No SDK, no I/O.
import type { LedgerEntry } from './scaling-budget';
import { budgetFor, entriesInWindow } from './scaling-budget';
import type { Decision, ObservedLoad, ScalingPlan, StreamState, Utilisation } from './scaling-plan';
import { SHARD_QUOTA, type ScalingPolicy, type ShardQuota } from './scaling-policy';
import { stepsBetween } from './scaling-steps';
import { completeEnd, summarizeWindow, type StreamMetricsWindow } from './stream-metrics-window';

export interface PlannerInput {
  readonly now: Date;
  readonly stream: StreamState;
  readonly window: StreamMetricsWindow;
  readonly ledger: readonly LedgerEntry[];
  readonly policy: ScalingPolicy;
}

interface Intent {
  decision: Decision;
  desired: number;
  emergency: boolean;
  reasons: string[];
}

export function planScaling(input: PlannerInput): ScalingPlan {
  const { stream, policy } = input;
  const load = summarizeWindow(input.window, policy);
  const current = stream.openShardCount;
  const utilisation = utilisationOf(load, current, policy.shardQuota);
  const intent = decide(input, load, utilisation);
  const q = policy.shardQuota;
  if (
    q.writeBytesPerSec !== SHARD_QUOTA.writeBytesPerSec ||
    q.writeRecordsPerSec !== SHARD_QUOTA.writeRecordsPerSec ||
    q.readBytesPerSec !== SHARD_QUOTA.readBytesPerSec
  ) {
    intent.reasons.unshift(
      `per-shard quotas overridden (SCALER_SHARD_*): ${q.writeRecordsPerSec} records/s and ${fmtBytes(q.writeBytesPerSec)}/s in, ${fmtBytes(q.readBytesPerSec)}/s out (Kinesis: 1,000 records/s, 1 MiB/s, 2 MiB/s)`,
    );
  }
  let steps =
    intent.decision === 'scale-up' || intent.decision === 'scale-down' ? stepsBetween(current, intent.desired) : [];
  const budget = budgetFor(input.ledger, input.now, policy.reservedOperations, intent.emergency, steps.length);
  if (steps.length > budget.availableBefore) {
    intent.reasons.push(
      budget.availableBefore === 0
        ? `budget exhausted: ${budget.usedLast24h} of ${budget.limit} UpdateShardCount calls used in 24 h (${intent.emergency ? 'emergency: no reserve kept' : `${policy.reservedOperations} kept for emergencies`}); next frees at ${budget.nextOperationFreedAt ?? '-'}`
        : `budget allows ${budget.availableBefore} of the ${steps.length} steps now; the rest must wait`,
    );
    steps = steps.slice(0, budget.availableBefore);
    if (steps.length === 0) intent.decision = 'blocked';
  }
  const finalShards = steps.at(-1)?.to ?? current;
  const hourly = (finalShards - current) * policy.shardHourPriceUsd;
  return {
    version: 1,
    createdAt: input.now.toISOString(),
    streamName: stream.streamName,
    inputs: {
      stream,
      window: {
        start: input.window.start.toISOString(),
        end: input.window.end.toISOString(),
        completeEnd: completeEnd(input.window, policy).toISOString(),
      },
      load,
      utilisation,
      policy,
    },
    decision: intent.decision,
    reasons: intent.reasons,
    currentShards: current,
    desiredShards: intent.desired,
    finalShards,
    steps,
    budget,
    cost: {
      shardHourPriceUsd: policy.shardHourPriceUsd,
      hourlyChangeUsd: round(hourly),
      monthlyChangeUsd: round(hourly * 730),
    },
  };
}

export function utilisationOf(load: ObservedLoad, shards: number, quota: ShardQuota = SHARD_QUOTA): Utilisation {
  const n = Math.max(1, shards);
  const writeBytes = load.writeBytesPerSec.sizing / (n * quota.writeBytesPerSec);
  const writeRecords = load.writeRecordsPerSec.sizing / (n * quota.writeRecordsPerSec);
  const read = load.readBytesPerSec.sizing / (n * quota.readBytesPerSec);
  return {
    writeBytes: round(writeBytes),
    writeRecords: round(writeRecords),
    read: round(read),
    max: round(Math.max(writeBytes, writeRecords, read)),
  };
}

/** The fewest shards whose quota carries the sizing load at all (100% utilisation): no step may end below it. */
export function capacityFloor(load: ObservedLoad, quota: ShardQuota = SHARD_QUOTA): number {
  const shardsOfLoad = Math.max(
    load.writeBytesPerSec.sizing / quota.writeBytesPerSec,
    load.writeRecordsPerSec.sizing / quota.writeRecordsPerSec,
    load.readBytesPerSec.sizing / quota.readBytesPerSec,
  );
  return Math.max(1, Math.ceil(shardsOfLoad - 1e-9));
}

/** Shards the sizing load needs at the target utilisation. */
function requiredShards(load: ObservedLoad, policy: ScalingPolicy): number {
  const shardsOfLoad = Math.max(
    load.writeBytesPerSec.sizing / policy.shardQuota.writeBytesPerSec,
    load.writeRecordsPerSec.sizing / policy.shardQuota.writeRecordsPerSec,
    load.readBytesPerSec.sizing / policy.shardQuota.readBytesPerSec,
  );
  return Math.max(1, Math.ceil(shardsOfLoad / policy.targetUtilisation - 1e-9));
}

function decide(input: PlannerInput, load: ObservedLoad, u: Utilisation): Intent {
  const { stream, policy } = input;
  const current = stream.openShardCount;
  const hold = (decision: Decision, ...reasons: string[]): Intent => ({
    decision,
    desired: current,
    emergency: false,
    reasons,
  });
  if (stream.mode === 'ON_DEMAND')
    return hold(
      'not-applicable',
      `on-demand stream: capacity is managed by Kinesis; utilisation at ${current} shards would be ${pct(u.max)} (report only, UpdateShardCount is never called)`,
    );
  if (stream.status !== 'ACTIVE')
    return hold('blocked', `stream status is ${stream.status}, not ACTIVE: UpdateShardCount is refused until it is`);
  const clamp = (n: number): number => Math.min(policy.maxShards, Math.max(policy.minShards, n));
  const throttled = load.throttledMinutesRecent >= policy.throttledMinutesToScaleUp;
  if (load.minutesWithData === 0 && !throttled) {
    if (current < policy.minShards)
      return {
        decision: 'scale-up',
        desired: policy.minShards,
        emergency: false,
        reasons: [`below minShards ${policy.minShards}`],
      };
    return hold(
      'none',
      `no complete minutes of IncomingBytes/IncomingRecords in the window: no data, so no change (missing data is not read as zero)`,
    );
  }
  const required = requiredShards(load, policy);
  const reasons = [
    `sizing load: ${fmtBytes(load.writeBytesPerSec.sizing)}/s and ${load.writeRecordsPerSec.sizing.toFixed(0)} records/s in, ${fmtBytes(load.readBytesPerSec.sizing)}/s out; utilisation ${pct(u.max)} of ${current} shard(s); ${required} shard(s) needed at ${pct(policy.targetUtilisation)}`,
  ];
  if (throttled || u.max > policy.scaleUpThreshold || current < policy.minShards) {
    let desired = Math.max(required, current < policy.minShards ? policy.minShards : current);
    if (throttled) {
      desired = Math.max(desired, Math.ceil(current * policy.throttleGrowthFactor), current + 1);
      reasons.push(
        `write throttling in ${load.throttledMinutesRecent} of the last ${policy.recentMinutes} minutes (${load.throttledRecordsTotal} records throttled in the window): scale up even though ${u.max <= policy.scaleUpThreshold ? 'averages look low' : 'utilisation is high too'}`,
      );
    } else if (u.max > policy.scaleUpThreshold)
      reasons.push(`utilisation ${pct(u.max)} is above the scale-up threshold ${pct(policy.scaleUpThreshold)}`);
    desired = clamp(desired);
    if (desired <= current) return { ...hold('blocked', ...reasons, `already at maxShards ${policy.maxShards}`) };
    // Capped below the load: still planned, since every step adds capacity, but the conflict is named.
    if (desired < capacityFloor(load, policy.shardQuota))
      reasons.push(
        `conflict: maxShards ${policy.maxShards} is below the ${capacityFloor(load, policy.shardQuota)} shard(s) the measured load needs; this scale-up helps but cannot carry it`,
      );
    return { decision: 'scale-up', desired, emergency: throttled || u.max >= 1, reasons };
  }
  const lastOp = entriesInWindow(input.ledger, input.now)
    .map((e) => Date.parse(e.at))
    .sort((a, b) => b - a)[0];
  const overMax = current > policy.maxShards;
  if ((u.max < policy.scaleDownThreshold && required < current) || overMax) {
    const desired = clamp(Math.min(required, current));
    if (desired >= current) return hold('none', ...reasons, `already at minShards ${policy.minShards}`);
    reasons.push(
      overMax
        ? `above maxShards ${policy.maxShards}`
        : `utilisation ${pct(u.max)} is below the scale-down threshold ${pct(policy.scaleDownThreshold)}`,
    );
    const floor = capacityFloor(load, policy.shardQuota);
    if (desired < floor) {
      return hold(
        'blocked',
        ...reasons,
        `conflict: ${desired} shard(s) would carry ${pct(utilisationOf(load, desired).max)} of their quota; the measured load needs at least ${floor}. No step below the load is planned: raise maxShards to ${floor} or more, or reduce the load first`,
      );
    }
    if (load.maxIteratorAgeMsRecent !== null && load.maxIteratorAgeMsRecent > policy.maxIteratorAgeMsForScaleDown) {
      return hold(
        'blocked',
        ...reasons,
        `consumers lag: max iterator age ${Math.round(load.maxIteratorAgeMsRecent / 1000)} s > ${policy.maxIteratorAgeMsForScaleDown / 1000} s, scale-down waits until they catch up`,
      );
    }
    if (load.throttledRecordsTotal > 0)
      return hold('blocked', ...reasons, 'write throttling seen in the window: no scale-down');
    if (lastOp !== undefined && input.now.getTime() - lastOp < policy.scaleDownCooldownMinutes * 60_000) {
      return hold(
        'blocked',
        ...reasons,
        `last scaling operation was ${Math.round((input.now.getTime() - lastOp) / 60_000)} min ago; scale-down cooldown is ${policy.scaleDownCooldownMinutes} min`,
      );
    }
    return { decision: 'scale-down', desired, emergency: false, reasons };
  }
  return hold(
    'none',
    ...reasons,
    `within the band ${pct(policy.scaleDownThreshold)}..${pct(policy.scaleUpThreshold)}: no change`,
  );
}

const round = (n: number): number => Math.round(n * 10_000) / 10_000;
const pct = (n: number): string => `${(n * 100).toFixed(1)}%`;
function fmtBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(2)} MiB` : `${(n / 1024).toFixed(1)} KiB`;
}
