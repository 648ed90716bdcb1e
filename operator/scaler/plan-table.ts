// Renders a plan (and apply progress) as text for people at a terminal.
import type { ScalingPlan } from './scaling-plan';
import type { ApplyProgress } from './plan-applier';

export function renderPlan(plan: ScalingPlan): string {
  const { load, utilisation: u, stream } = plan.inputs;
  const rate = (r: { mean: number; sizing: number; peak: number }, unit: (n: number) => string): string =>
    `mean ${unit(r.mean)}  sizing ${unit(r.sizing)}  peak ${unit(r.peak)}`;
  const kib = (n: number): string => `${(n / 1024).toFixed(1)} KiB/s`;
  const rec = (n: number): string => `${n.toFixed(0)} rec/s`;
  const pct = (n: number): string => `${(n * 100).toFixed(1)}%`;
  const rows: [string, string][] = [
    ['stream', `${plan.streamName} (${stream.mode}, ${stream.status}, ${stream.openShardCount} open shards)`],
    [
      'window',
      `${plan.inputs.window.start} .. ${plan.inputs.window.end} (complete until ${plan.inputs.window.completeEnd}; ${load.minutesWithData}/${load.completeMinutes} minutes with data)`,
    ],
    ['write bytes', rate(load.writeBytesPerSec, kib)],
    ['write records', rate(load.writeRecordsPerSec, rec)],
    ['read bytes', rate(load.readBytesPerSec, kib)],
    [
      'throttling',
      `${load.throttledMinutesRecent} throttled minute(s) recently; ${load.throttledRecordsTotal} records in window`,
    ],
    [
      'iterator age',
      load.maxIteratorAgeMsRecent === null
        ? 'no data'
        : `max ${(load.maxIteratorAgeMsRecent / 1000).toFixed(1)} s (recent)`,
    ],
    [
      'utilisation',
      `write bytes ${pct(u.writeBytes)}  write records ${pct(u.writeRecords)}  read ${pct(u.read)}  => ${pct(u.max)}`,
    ],
    [
      'decision',
      `${plan.decision.toUpperCase()}  ${plan.currentShards} -> ${plan.finalShards} shards${plan.desiredShards !== plan.finalShards ? ` (wanted ${plan.desiredShards})` : ''}`,
    ],
    ['steps', plan.steps.length === 0 ? '-' : plan.steps.map((s) => `${s.from}->${s.to}`).join(', ')],
    [
      'budget',
      `${plan.budget.usedLast24h}/${plan.budget.limit} used in 24 h, ${plan.budget.reserved} reserved${plan.budget.emergency ? ' (emergency: reserve usable)' : ''}; available ${plan.budget.availableBefore} -> ${plan.budget.availableAfter}`,
    ],
    [
      'cost change',
      `${sign(plan.cost.hourlyChangeUsd)} US$/hour, ${sign(plan.cost.monthlyChangeUsd)} US$/month at ${plan.cost.shardHourPriceUsd} US$/shard-hour`,
    ],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  return [...rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`), 'reasons:', ...plan.reasons.map((r) => `  - ${r}`)].join(
    '\n',
  );
}

export function renderProgress(event: ApplyProgress): string {
  switch (event.kind) {
    case 'step-started':
      return `step ${event.index}/${event.of}: UpdateShardCount ${event.step.from} -> ${event.step.to}`;
    case 'waiting':
      return `  waiting for ACTIVE: status ${event.status}, ${event.openShardCount} open shards, ${Math.round(event.elapsedMs / 1000)} s`;
    case 'step-done':
      return `  ACTIVE at ${event.step.to} shards after ${Math.round(event.elapsedMs / 1000)} s`;
  }
}

const sign = (n: number): string => (n > 0 ? `+${n.toFixed(3)}` : n.toFixed(3));
