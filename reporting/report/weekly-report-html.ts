// Pure: the weekly report as one self-contained HTML page in the report's language: headline figures against the week before, the chart, the days, then the week's details.
import { localeFormat, type LocaleFormat } from '../i18n/locale';
import { LABEL_COLORS } from '../render/label-colors';
import { renderStackedBars } from '../render/stacked-bars-svg';
import { escapeXml } from '../render/svg-text';
import { reportMessages, type ReportMessages } from './report-messages';
import { renderDetailsHtml } from './week-details-html';
import type { FullWeeklyReport } from './weekly-report-builder';
import type { DaySentiment, WeeklySentiment } from './weekly-sentiment';

const STYLE = `body{font-family:Helvetica,Arial,sans-serif;margin:24px;color:#222;max-width:900px}h1{font-size:22px;margin-bottom:2px}h2{font-size:17px;margin:26px 0 6px}h3{font-size:14px;margin:14px 0 4px}
.muted{color:#666;font-size:13px}table{border-collapse:collapse;font-size:13px;margin-top:8px}td,th{border-bottom:1px solid #ddd;padding:4px 10px;text-align:right}td:first-child,th:first-child{text-align:left;white-space:nowrap}
.figures{display:flex;gap:32px;margin:14px 0;flex-wrap:wrap}.figures b{display:block;font-size:24px}.figures small{color:#555}
.button{display:inline-block;background:#0072B2;color:#fff !important;padding:8px 14px;border-radius:4px;text-decoration:none;font-weight:bold}
.up{color:#D55E00}.down{color:#0072B2}.tag{font-size:11px;border:1px solid #D55E00;color:#D55E00;border-radius:3px;padding:0 4px;margin-left:4px}
blockquote{margin:8px 0;padding:6px 12px;border-left:4px solid #ccc;background:#fafafa}blockquote .muted{font-size:12px}`;

const signedPercent = (f: LocaleFormat, v: number): string => `${v > 0 ? '+' : ''}${f.percent(v)}`;

/** The day-by-day chart as SVG (the mail renders it to PNG: mail clients do not show SVG). */
export function renderWeeklyChart(report: WeeklySentiment, messages: ReportMessages = reportMessages('en')): string {
  return renderStackedBars(
    report.days.map((d, i) => ({ label: `${messages.weekdays[i] ?? d.weekday} ${d.date.slice(5)}`, counts: d.counts })),
    {
      title: messages.chartTitle(report.week, report.timeZone),
      overlay: { name: messages.meanScore, values: report.days.map((d) => d.meanScore), min: -1, max: 1 },
    },
  );
}

/** `chartHtml` replaces the inline SVG (the mail passes an <img src="cid:...">); `generatedAtMs` is shown in the zone. */
export function renderWeeklyHtml(report: FullWeeklyReport, generatedAtMs: number, chartHtml?: string): string {
  const m = reportMessages(report.locale);
  const { current, details } = report;
  const f = localeFormat(report.locale, current.timeZone);
  const first = f.date(Date.parse(current.from));
  const last = f.date(Date.parse(current.to) - 1);
  const t = current.totals;
  const c = details.comparison;
  const share = t.negativeShare;
  const link =
    details.dashboardUrl === undefined
      ? ''
      : `<p><a class="button" href="${escapeXml(details.dashboardUrl)}">${escapeXml(m.openDashboard)}</a></p>`;
  return `<!doctype html><html lang="${report.locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeXml(m.title(current.week))}</title><style>${STYLE}</style></head><body>
<h1>${escapeXml(m.title(current.week))}</h1>
<div class="muted">${escapeXml(m.period(first, last, current.timeZone))} · ${escapeXml(m.generated(f.dateTime(generatedAtMs)))}</div>
<div class="figures">
<div>${escapeXml(m.posts)}<b>${f.integer(t.posts)}</b><small>${escapeXml(c.postsChange === null ? m.noPreviousPosts : m.vsPrevious(signedPercent(f, c.postsChange)))}</small></div>
<div>${escapeXml(m.negativeShare)}<b>${share === null ? '-' : f.percent(share)}</b><small>${c.negativeShareChange === null ? '' : escapeXml(m.vsPrevious(f.points(c.negativeShareChange)))}</small></div>
<div>${escapeXml(m.meanScore)}<b>${score(f, t.meanScore)}</b></div>
</div>
${link}
${chartHtml ?? renderWeeklyChart(current, m)}
<h2>${escapeXml(m.daysTitle)}</h2>
<table><thead><tr>${m.dayColumns.map((h) => `<th>${escapeXml(h)}</th>`).join('')}</tr></thead><tbody>
${current.days.map((d, i) => dayRow(`${m.weekdays[i] ?? d.weekday} ${dayMonth(d.date, report.locale)}`, d, c.days[i], f)).join('\n')}
${dayRow(m.weekTotal, t, { previousPosts: report.previous.totals.posts, postsChange: c.postsChange }, f)}
</tbody></table>
${renderDetailsHtml(report, f, m)}
<p class="muted">${escapeXml(m.footnote)}</p>
</body></html>
`;
}

/** "Nov 16" / "16 nov" for a calendar date (YYYY-MM-DD): the date itself, whatever the zone. */
export function dayMonth(date: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { timeZone: 'UTC', day: 'numeric', month: 'short' }).format(
    Date.parse(`${date}T12:00:00Z`),
  );
}

function score(f: LocaleFormat, v: number | null): string {
  if (v === null) return '-';
  return new Intl.NumberFormat(f.locale, { minimumFractionDigits: 3, maximumFractionDigits: 3 }).format(v);
}

function dayRow(
  label: string,
  d: Omit<DaySentiment, 'date' | 'weekday'>,
  compared: { previousPosts: number; postsChange: number | null } | undefined,
  f: LocaleFormat,
): string {
  const change = compared?.postsChange ?? null;
  const changeCell =
    change === null
      ? '-'
      : `<span class="${change > 0 ? 'up' : change < 0 ? 'down' : ''}">${signedPercent(f, change)}</span>`;
  const counts = (['POSITIVE', 'NEGATIVE', 'NEUTRAL', 'MIXED', 'UNSCORED'] as const)
    .map((l) => `<td style="color:${l === 'UNSCORED' ? '#777' : LABEL_COLORS[l]}">${f.integer(d.counts[l])}</td>`)
    .join('');
  return `<tr><td>${escapeXml(label)}</td><td><b>${f.integer(d.posts)}</b></td><td>${f.integer(compared?.previousPosts ?? 0)}</td><td>${changeCell}</td>${counts}<td>${d.negativeShare === null ? '-' : f.percent(d.negativeShare)}</td><td>${score(f, d.meanScore)}</td></tr>`;
}
