// Renders a checkpoint report as a fixed-width table for people.
import type { CheckpointReport } from './checkpoint-status';
import type { CoordinatorView } from './worker-metrics';

export function renderReport(report: CheckpointReport): string {
  const header = ['SHARD', 'STATE', 'OWNER', 'COUNTER', 'CHECKPOINT', 'BEHIND', 'RECORDS', 'STATUS'];
  const rows = report.shards.map((r) => [
    r.shardId,
    r.open ? 'open' : 'closed',
    r.leaseOwner ?? '-',
    r.leaseCounter === null
      ? '-'
      : `${r.leaseCounter}${r.counterUnchangedMs === null ? '' : ` (${Math.round(r.counterUnchangedMs / 1000)}s same)`}`,
    shortCheckpoint(r.checkpoint, r.checkpointSubSequenceNumber),
    r.lag?.timeBehindMs === null || r.lag === null ? '?' : duration(r.lag.timeBehindMs),
    r.lag?.recordsBehind === null || r.lag === null
      ? '?'
      : `${r.lag.recordsBehind}${r.lag.recordsBehindCapped ? '+' : ''}`,
    r.lag?.error === undefined ? r.status : `${r.status}: ${r.lag.error}`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: string[]): string =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  const s = report.summary;
  return [
    `${report.application} / ${report.streamName} at ${report.observedAt}: ${s.openShards} open shards, max behind ${duration(s.maxTimeBehindMs)}, ${s.staleLeases} stale lease(s), ${s.shardsWithoutLease} open shard(s) without lease`,
    line(header),
    ...rows.map(line),
    ...(report.coordinator === undefined ? [] : renderWorkers(report.coordinator)),
  ].join('\n');
}

/** KCL 3: one line per worker, as the lease assignment leader sees it. */
function renderWorkers(view: CoordinatorView): string[] {
  const lines = [`KCL 3 coordinator: leader ${view.leader ?? '-'}, ${view.clientVersion ?? 'client version unknown'}`];
  for (const w of view.workers) {
    const metrics = Object.entries(w.metrics)
      .map(([name, m]) => `${name} ${m.latest ?? '?'}${m.max === null ? '' : `/${m.max}`}`)
      .join(', ');
    lines.push(
      `  worker ${w.workerId}: ${w.leases} lease(s), ${w.throughputKBps.toFixed(1)} KB/s, ${metrics === '' ? 'no worker metrics' : metrics}, reported ${w.lastUpdateAt ?? 'never'}`,
    );
  }
  return lines;
}

function shortCheckpoint(checkpoint: string | null, sub: number | null): string {
  if (checkpoint === null) return '-';
  const text = checkpoint.length > 16 ? `...${checkpoint.slice(-12)}` : checkpoint;
  return sub !== null && sub > 0 ? `${text}/${sub}` : text;
}

function duration(ms: number): string {
  if (ms < 1_000) return `${ms}ms`;
  if (ms < 120_000) return `${(ms / 1000).toFixed(1)}s`;
  if (ms < 7_200_000) return `${(ms / 60_000).toFixed(1)}m`;
  return `${(ms / 3_600_000).toFixed(1)}h`;
}
