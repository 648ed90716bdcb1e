// Pure: the dashboard summary's buckets as server-side SVG (/chart.svg, for scripts and mails; the page draws with uPlot).
import { renderStackedBars } from '../render/stacked-bars-svg';
import type { DashboardSummary } from './dashboard-views';

/** `timeZone`: IANA zone of the bucket labels (default UTC): HH:MM for minutes and hours, the date for days. */
export function renderMinuteChart(summary: DashboardSummary, timeZone = 'UTC'): string {
  const format =
    summary.bucket === 'day'
      ? new Intl.DateTimeFormat('en-GB', { timeZone, day: '2-digit', month: 'short' })
      : new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const buckets = summary.buckets.map((b) => ({ label: format.format(new Date(b.start)), counts: b.counts }));
  return renderStackedBars(buckets, {
    title: `Posts per ${summary.bucket} by sentiment, ${summary.selection.from} to ${summary.selection.to} (${timeZone})`,
    labelEvery: Math.max(1, Math.ceil(buckets.length / 10)),
  });
}
