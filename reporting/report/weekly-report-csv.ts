// Pure: the weekly report as CSV (RFC 4180, one row per day), for spreadsheets.
import type { WeeklySentiment } from './weekly-sentiment';

const HEADER = [
  'date',
  'weekday',
  'posts',
  'positive',
  'negative',
  'neutral',
  'mixed',
  'unscored',
  'negative_share',
  'mean_score',
];

function cell(value: string | number | null): string {
  if (value === null) return '';
  const text = typeof value === 'number' ? String(Math.round(value * 10_000) / 10_000) : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function renderWeeklyCsv(report: WeeklySentiment): string {
  const rows = report.days.map((d) => [
    d.date,
    d.weekday,
    d.posts,
    d.counts.POSITIVE,
    d.counts.NEGATIVE,
    d.counts.NEUTRAL,
    d.counts.MIXED,
    d.counts.UNSCORED,
    d.negativeShare,
    d.meanScore,
  ]);
  return [HEADER, ...rows].map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';
}
