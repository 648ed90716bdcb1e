// Pure: the weekly report's plain-text alternative in the report's language: the same figures, comparison, terms, posts, split and alerts as the HTML.
import { localeFormat } from '../i18n/locale';
import { languageName, reportMessages } from './report-messages';
import { termChange } from './week-details-html';
import type { FullWeeklyReport } from './weekly-report-builder';
import { dayMonth } from './weekly-report-html';

export function renderWeeklyText(
  report: FullWeeklyReport,
  generatedAtMs: number,
  files: { csv: string; terms: string },
): string {
  const m = reportMessages(report.locale);
  const { current, details: d } = report;
  const f = localeFormat(report.locale, current.timeZone);
  const t = current.totals;
  const c = d.comparison;
  const pct = (v: number | null): string => (v === null ? '-' : f.percent(v));
  const signed = (v: number | null): string => (v === null ? '-' : `${v > 0 ? '+' : ''}${f.percent(v)}`);
  const lines = [
    m.title(current.week),
    m.period(f.date(Date.parse(current.from)), f.date(Date.parse(current.to) - 1), current.timeZone),
    '',
    `${m.posts}: ${f.integer(t.posts)} (${c.postsChange === null ? m.noPreviousPosts : m.vsPrevious(signed(c.postsChange))})`,
    `${m.negativeShare}: ${pct(t.negativeShare)}${c.negativeShareChange === null ? '' : ` (${m.vsPrevious(f.points(c.negativeShareChange))})`}`,
    ...(d.dashboardUrl === undefined ? [] : ['', `${m.openDashboard}: ${d.dashboardUrl}`]),
    '',
    `${m.daysTitle}: ${m.dayColumns[1]} / ${m.dayColumns[2]} / ${m.dayColumns[3]} / ${m.dayColumns[9]}`,
    ...current.days.map(
      (day, i) =>
        `  ${m.weekdays[i]} ${dayMonth(day.date, report.locale)}: ${f.integer(day.posts)} / ${f.integer(c.days[i]?.previousPosts ?? 0)} / ${signed(c.days[i]?.postsChange ?? null)} / ${pct(day.negativeShare)}`,
    ),
    '',
    `${m.termsTitle}:`,
    ...(d.terms.length === 0
      ? [`  ${m.noTerms}`]
      : d.terms.map(
          (term) =>
            `  ${term.term}: ${f.integer(term.posts)} (${m.termColumns[2]} ${pct(term.negativeShare)}; ${m.termColumns[3]} ${f.integer(term.previousPosts)}, ${termChange(term, f, m)}${term.rising ? `, ${m.rising}` : ''})`,
        )),
    ...(d.risingTerms.length === 0
      ? []
      : [
          `${m.risingTitle}:`,
          ...d.risingTerms.map(
            (term) =>
              `  ${term.term}: ${f.integer(term.posts)} (${m.termColumns[3]} ${f.integer(term.previousPosts)}, ${termChange(term, f, m)})`,
          ),
        ]),
    '',
    `${m.negativeExamples}:`,
    ...quotes(d.examples.negative, m.noExamples),
    '',
    `${m.positiveExamples}:`,
    ...quotes(d.examples.positive, m.noExamples),
    '',
    `${m.splitTitle}:`,
    `  ${m.bySource}: ${d.bySource.map((r) => `${r.key === 'unknown' ? m.unknown : r.key} ${f.integer(r.posts)} (${f.percent(r.share)})`).join(', ')}`,
    `  ${m.byLanguage}: ${d.byLanguage.map((r) => `${r.key === 'unknown' ? m.unknown : languageName(r.key, report.locale)} ${f.integer(r.posts)} (${f.percent(r.share)})`).join(', ')}`,
    '',
    `${m.alertsTitle}:`,
    ...(d.alerts === undefined
      ? [`  ${m.alertsNotKept}`]
      : d.alerts.length === 0
        ? [`  ${m.noAlerts}`]
        : d.alerts.map(
            (a) =>
              `  - ${m.alertLine(a.kind, f.integer(a.negativePosts), f.dateTime(a.windowStartMs), f.time(a.windowEndMs))}${a.terms.length === 0 ? '' : ` (${m.alertTerms}: ${a.terms.slice(0, 5).join(', ')})`}`,
          )),
    '',
    m.textAttachments(files.csv, files.terms),
    m.generated(f.dateTime(generatedAtMs)),
  ];
  return `${lines.join('\n')}\n`;
}

function quotes(posts: readonly { text: string; user: string | null }[], none: string): string[] {
  if (posts.length === 0) return [`  ${none}`];
  return posts.map((p) => `  "${p.text.replace(/\s+/g, ' ')}"${p.user === null ? '' : ` (@${p.user})`}`);
}
