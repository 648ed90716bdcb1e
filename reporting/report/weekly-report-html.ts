// Pure: the weekly report as one self-contained HTML file: headline figures, a day-by-day SVG chart and the table behind it.
import { renderStackedBars } from '../render/stacked-bars-svg';
import { escapeXml } from '../render/svg-text';
import type { DaySentiment, WeeklySentiment } from './weekly-sentiment';

const STYLE = `body{font-family:sans-serif;margin:24px;color:#222;max-width:900px}h1{font-size:22px;margin-bottom:2px}.muted{color:#666;font-size:13px}
table{border-collapse:collapse;font-size:13px;margin-top:12px}td,th{border-bottom:1px solid #ddd;padding:4px 10px;text-align:right}td:first-child,th:first-child{text-align:left}
.figures{display:flex;gap:28px;margin:14px 0}.figures b{display:block;font-size:24px}`;

const percent = (v: number | null): string => (v === null ? '-' : `${(v * 100).toFixed(1)}%`);
const score = (v: number | null): string => (v === null ? '-' : v.toFixed(3));

/** The day-by-day chart as SVG (the mail renders it to PNG: mail clients do not show SVG). */
export function renderWeeklyChart(report: WeeklySentiment): string {
  return renderStackedBars(
    report.days.map((d) => ({ label: `${d.weekday} ${d.date.slice(5)}`, counts: d.counts })),
    {
      title: `Posts per day by sentiment, ${report.week} (${report.timeZone}); line: mean score (right axis)`,
      overlay: { name: 'mean score (pos - neg)', values: report.days.map((d) => d.meanScore), min: -1, max: 1 },
    },
  );
}

/** `chartHtml` replaces the inline SVG (the mail passes an <img src="cid:...">). */
export function renderWeeklyHtml(report: WeeklySentiment, generatedAt: string, chartHtml?: string): string {
  const chart = chartHtml ?? renderWeeklyChart(report);
  const t = report.totals;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Weekly sentiment ${escapeXml(report.week)}</title><style>${STYLE}</style></head><body>
<h1>Weekly sentiment report: ${escapeXml(report.week)}</h1>
<div class="muted">${escapeXml(report.days[0]!.date)} to ${escapeXml(report.days[6]!.date)} (Monday to Sunday, days in ${escapeXml(report.timeZone)} by post time) · generated ${escapeXml(generatedAt)}</div>
<div class="figures"><div>posts<b>${t.posts}</b></div><div>negative share<b>${percent(t.negativeShare)}</b></div><div>mean score<b>${score(t.meanScore)}</b></div></div>
${chart}
<table><thead><tr><th>day</th><th>posts</th><th>positive</th><th>negative</th><th>neutral</th><th>mixed</th><th>unscored</th><th>negative share</th><th>mean score</th></tr></thead><tbody>
${report.days.map((d) => row(`${d.weekday} ${d.date}`, d)).join('\n')}
${row('week total', t)}
</tbody></table>
<p class="muted">Negative share: NEGATIVE posts / scored posts. Mean score: average of score_positive - score_negative over scored posts (-1 all negative, +1 all positive). Unscored: the analyzer could not score the post (for example an unsupported language).</p>
</body></html>
`;
}

function row(label: string, d: Omit<DaySentiment, 'date' | 'weekday'>): string {
  const cells = [d.posts, d.counts.POSITIVE, d.counts.NEGATIVE, d.counts.NEUTRAL, d.counts.MIXED, d.counts.UNSCORED]
    .map((n) => `<td>${n}</td>`)
    .join('');
  return `<tr><td>${escapeXml(label)}</td>${cells}<td>${percent(d.negativeShare)}</td><td>${score(d.meanScore)}</td></tr>`;
}
