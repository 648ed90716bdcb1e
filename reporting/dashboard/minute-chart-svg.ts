// Pure: the dashboard's chart, posts per minute stacked by label, as inline SVG (minute labels HH:MM in the dashboard's time zone).
import { renderStackedBars } from '../render/stacked-bars-svg';
import type { DashboardSummary } from './dashboard-summary';

/** `timeZone`: IANA zone of the minute labels (default UTC). */
export function renderMinuteChart(summary: DashboardSummary, timeZone = 'UTC'): string {
  const hhmm = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const buckets = summary.perMinute.map((m) => ({ label: hhmm.format(new Date(m.minute)), counts: m.counts }));
  return renderStackedBars(buckets, {
    title: `Posts per minute by sentiment, last ${summary.window.minutes} min (${timeZone})`,
    labelEvery: Math.max(1, Math.ceil(buckets.length / 10)),
  });
}
