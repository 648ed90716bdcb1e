// Builds the weekly report mail as raw MIME with nodemailer's MailComposer: localised HTML with the chart as an inline PNG (cid), a plain-text alternative, the day CSV and the terms CSV attached.
import MailComposer from 'nodemailer/lib/mail-composer';
import { localeFormat } from '../i18n/locale';
import { svgToPng } from '../render/svg-to-png';
import { escapeXml } from '../render/svg-text';
import { reportMessages } from './report-messages';
import type { FullWeeklyReport } from './weekly-report-builder';
import { renderWeeklyCsv } from './weekly-report-csv';
import { renderWeeklyChart, renderWeeklyHtml } from './weekly-report-html';
import { renderWeeklyText } from './weekly-report-text';
import { renderTermsCsv } from './weekly-terms-csv';

export interface ReportMailOptions {
  readonly from: string;
  readonly to: readonly string[];
  /** When the report was generated, epoch ms (shown in the body). */
  readonly generatedAtMs: number;
}

export interface ReportMail {
  readonly subject: string;
  /** The whole message (headers and body), what SES `Content.Raw` and SMTP DATA carry. */
  readonly raw: Buffer;
  readonly messageId: string;
}

export const CHART_CID = 'weekly-chart@sentiment-report';

/** The attachments' file names: the day figures (columns unchanged since the first report) and the terms. */
export function reportFileNames(week: string): { csv: string; terms: string; png: string } {
  return { csv: `sentiment-${week}.csv`, terms: `terms-${week}.csv`, png: `sentiment-${week}.png` };
}

/** English keeps ISO dates in the subject (mail filters match on it); Spanish writes them out. */
function subjectOf(report: FullWeeklyReport): string {
  const m = reportMessages(report.locale);
  const days = report.current.days;
  if (report.locale === 'en') return m.subject(report.current.week, days[0]!.date, days[6]!.date);
  const f = localeFormat(report.locale, report.current.timeZone);
  return m.subject(
    report.current.week,
    f.date(Date.parse(report.current.from)),
    f.date(Date.parse(report.current.to) - 1),
  );
}

export async function composeReportMail(report: FullWeeklyReport, options: ReportMailOptions): Promise<ReportMail> {
  const m = reportMessages(report.locale);
  const week = report.current.week;
  const files = reportFileNames(week);
  const subject = subjectOf(report);
  const png = svgToPng(renderWeeklyChart(report.current, m));
  const chartImg = `<img src="cid:${CHART_CID}" alt="${escapeXml(m.chartAlt(week))}" width="760" style="max-width:100%;height:auto">`;
  const composer = new MailComposer({
    from: options.from,
    to: [...options.to],
    subject,
    text: renderWeeklyText(report, options.generatedAtMs, files),
    html: renderWeeklyHtml(report, options.generatedAtMs, chartImg),
    headers: { 'Content-Language': report.locale },
    attachments: [
      { filename: files.png, content: png, contentType: 'image/png', cid: CHART_CID },
      { filename: files.csv, content: renderWeeklyCsv(report.current), contentType: 'text/csv; charset=utf-8' },
      {
        filename: files.terms,
        content: renderTermsCsv([...report.details.terms, ...report.details.risingTerms]),
        contentType: 'text/csv; charset=utf-8',
      },
    ],
  });
  const node = composer.compile();
  const raw = await node.build();
  return { subject, raw, messageId: node.messageId() };
}
