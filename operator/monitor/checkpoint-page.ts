// Renders the checkpoint monitor's view as a self-contained HTML page (the monitor's table, refreshed by the browser every few seconds).
import type { CheckpointReport } from './checkpoint-status';
import { renderReport } from './report-table';

export function renderCheckpointPage(report: CheckpointReport, refreshSeconds: number): string {
  const problems = report.shards.filter((r) =>
    ['lagging', 'stale-lease', 'no-lease', 'unowned', 'probe-error'].includes(r.status),
  ).length;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="${refreshSeconds}">
<title>Checkpoints: ${escapeHtml(report.application)} / ${escapeHtml(report.streamName)}</title>
<style>body{font-family:system-ui,sans-serif;margin:1.5rem}pre{font-size:.9rem;background:#f6f6f6;padding:1rem;overflow-x:auto}.bad{color:#b00020}.ok{color:#1b5e20}</style>
</head><body>
<h1>Checkpoints: ${escapeHtml(report.application)} / ${escapeHtml(report.streamName)}</h1>
<p class="${problems === 0 ? 'ok' : 'bad'}">${problems === 0 ? 'every shard healthy' : `${problems} shard(s) need attention`}; per shard: lease owner, lease counter, checkpoint, time and records behind the tip. Refreshes every ${refreshSeconds} s; JSON at <a href="/api/checkpoints">/api/checkpoints</a>; <a href="/">posts dashboard</a>.</p>
<pre>${escapeHtml(renderReport(report))}</pre>
</body></html>
`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
