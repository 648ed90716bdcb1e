// Pure: the dashboard's chart, posts per minute stacked by label, as inline SVG (minute labels in UTC, HH:MM).
import { renderStackedBars } from '../render/stacked-bars-svg';
import type { DashboardSummary } from './dashboard-summary';

export function renderMinuteChart(summary: DashboardSummary): string {
  const buckets = summary.perMinute.map((m) => ({ label: m.minute.slice(11, 16), counts: m.counts }));
  return renderStackedBars(buckets, {
    title: `Posts per minute by sentiment, last ${summary.window.minutes} min (UTC)`,
    labelEvery: Math.max(1, Math.ceil(buckets.length / 10)),
  });
}
