// Pure: the weekly report's detail sections as HTML: top terms and their change, representative posts, the split by source and language, the week's alerts. Post text stays text (escaped).
import type { LocaleFormat } from '../i18n/locale';
import { escapeXml } from '../render/svg-text';
import type { RankedTerm } from '../terms/rank-terms';
import { languageName, type ReportMessages } from './report-messages';
import type { ExamplePost, ReportAlert, SplitRow } from './week-details';
import type { FullWeeklyReport } from './weekly-report-builder';

export function renderDetailsHtml(report: FullWeeklyReport, f: LocaleFormat, m: ReportMessages): string {
  const d = report.details;
  return [
    `<h2>${escapeXml(m.termsTitle)}</h2><div class="muted">${escapeXml(m.termsIntro)}</div>`,
    d.terms.length === 0 ? `<p>${escapeXml(m.noTerms)}</p>` : termsTable(d.terms, f, m),
    d.risingTerms.length === 0 ? '' : `<h3>${escapeXml(m.risingTitle)}</h3>${termsTable(d.risingTerms, f, m)}`,
    `<h2>${escapeXml(m.negativeExamples)}</h2>`,
    examples(d.examples.negative, f, m),
    `<h2>${escapeXml(m.positiveExamples)}</h2>`,
    examples(d.examples.positive, f, m),
    `<h2>${escapeXml(m.splitTitle)}</h2>`,
    `<h3>${escapeXml(m.bySource)}</h3>${splitTable(d.bySource, f, m, (k) => k)}`,
    `<h3>${escapeXml(m.byLanguage)}</h3>${splitTable(d.byLanguage, f, m, (k) => languageName(k, report.locale))}`,
    `<h2>${escapeXml(m.alertsTitle)}</h2>`,
    alerts(d.alerts, f, m),
  ].join('\n');
}

/** A change as +12.5% / -3.0%, or "new" for a term absent the week before. */
export function termChange(term: RankedTerm, f: LocaleFormat, m: ReportMessages): string {
  if (term.change === null) return m.newTerm;
  return `${term.change > 0 ? '+' : ''}${f.percent(term.change)}`;
}

function termsTable(terms: readonly RankedTerm[], f: LocaleFormat, m: ReportMessages): string {
  const rows = terms.map(
    (t) =>
      `<tr><td><b>${escapeXml(t.term)}</b>${t.rising ? `<span class="tag">${escapeXml(m.rising)}</span>` : ''}</td><td>${f.integer(t.posts)}</td><td>${t.negativeShare === null ? '-' : f.percent(t.negativeShare)}</td><td>${f.integer(t.previousPosts)}</td><td>${escapeXml(termChange(t, f, m))}</td></tr>`,
  );
  return `<table><thead><tr>${m.termColumns.map((h) => `<th>${escapeXml(h)}</th>`).join('')}</tr></thead><tbody>
${rows.join('\n')}
</tbody></table>`;
}

function examples(posts: readonly ExamplePost[], f: LocaleFormat, m: ReportMessages): string {
  if (posts.length === 0) return `<p>${escapeXml(m.noExamples)}</p>`;
  return posts
    .map((p) => {
      const by = [p.user === null ? undefined : `@${p.user}`, f.dateTime(p.createdAtMs), p.source, p.lang]
        .filter((x): x is string => x !== undefined && x !== null)
        .join(' · ');
      return `<blockquote>${escapeXml(p.text)}<div class="muted">${escapeXml(by)}</div></blockquote>`;
    })
    .join('\n');
}

function splitTable(
  rows: readonly SplitRow[],
  f: LocaleFormat,
  m: ReportMessages,
  name: (k: string) => string,
): string {
  if (rows.length === 0) return `<p>${escapeXml(m.noExamples)}</p>`;
  const body = rows.map(
    (r) =>
      `<tr><td>${escapeXml(r.key === 'unknown' ? m.unknown : name(r.key))}</td><td>${f.integer(r.posts)}</td><td>${f.percent(r.share)}</td><td>${r.negativeShare === null ? '-' : f.percent(r.negativeShare)}</td></tr>`,
  );
  return `<table><thead><tr>${m.splitColumns.map((h) => `<th>${escapeXml(h)}</th>`).join('')}</tr></thead><tbody>
${body.join('\n')}
</tbody></table>`;
}

function alerts(list: readonly ReportAlert[] | undefined, f: LocaleFormat, m: ReportMessages): string {
  if (list === undefined) return `<p>${escapeXml(m.alertsNotKept)}</p>`;
  if (list.length === 0) return `<p>${escapeXml(m.noAlerts)}</p>`;
  const items = list.map((a) => {
    const line = m.alertLine(a.kind, f.integer(a.negativePosts), f.dateTime(a.windowStartMs), f.time(a.windowEndMs));
    const terms = a.terms.length === 0 ? '' : ` (${m.alertTerms}: ${a.terms.slice(0, 5).join(', ')})`;
    const open =
      a.dashboardUrl === undefined ? '' : ` <a href="${escapeXml(a.dashboardUrl)}">${escapeXml(m.openAlert)}</a>`;
    return `<li>${escapeXml(line + terms)}${open}</li>`;
  });
  return `<ul>\n${items.join('\n')}\n</ul>`;
}
