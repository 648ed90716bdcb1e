// Builds the weekly report mail as raw MIME with nodemailer's MailComposer: HTML with the chart as an inline PNG (cid), a plain-text alternative, the CSV attached.
import MailComposer from 'nodemailer/lib/mail-composer';
import { svgToPng } from '../render/svg-to-png';
import { renderWeeklyCsv } from './weekly-report-csv';
import { renderWeeklyChart, renderWeeklyHtml } from './weekly-report-html';
import type { WeeklySentiment } from './weekly-sentiment';

export interface ReportMailOptions {
  readonly from: string;
  readonly to: readonly string[];
  /** ISO time the report was generated (shown in the body). */
  readonly generatedAt: string;
}

export interface ReportMail {
  readonly subject: string;
  /** The whole message (headers and body), what SES `Content.Raw` and SMTP DATA carry. */
  readonly raw: Buffer;
  readonly messageId: string;
}

export const CHART_CID = 'weekly-chart@sentiment-report';

export function reportSubject(report: WeeklySentiment): string {
  return `Weekly sentiment report ${report.week} (${report.days[0]!.date} to ${report.days[6]!.date})`;
}

const percent = (v: number | null): string => (v === null ? '-' : `${(v * 100).toFixed(1)}%`);

/** The plain-text alternative: the same figures as the HTML table. */
export function reportText(report: WeeklySentiment, generatedAt: string): string {
  const t = report.totals;
  const lines = [
    `Weekly sentiment report ${report.week}: ${report.days[0]!.date} to ${report.days[6]!.date} (days in ${report.timeZone})`,
    '',
    `Posts: ${t.posts}   negative share: ${percent(t.negativeShare)}   mean score: ${t.meanScore === null ? '-' : t.meanScore.toFixed(3)}`,
    '',
    'day             posts  positive  negative  neutral  mixed  unscored  negative share',
    ...report.days.map(
      (d) =>
        `${d.weekday} ${d.date}  ${String(d.posts).padStart(5)}  ${String(d.counts.POSITIVE).padStart(8)}  ${String(d.counts.NEGATIVE).padStart(8)}  ${String(d.counts.NEUTRAL).padStart(7)}  ${String(d.counts.MIXED).padStart(5)}  ${String(d.counts.UNSCORED).padStart(8)}  ${percent(d.negativeShare).padStart(14)}`,
    ),
    '',
    `The day-by-day chart is in the HTML version of this mail; the figures are attached as sentiment-${report.week}.csv.`,
    `Generated ${generatedAt}.`,
  ];
  return `${lines.join('\n')}\n`;
}

export async function composeReportMail(report: WeeklySentiment, options: ReportMailOptions): Promise<ReportMail> {
  const subject = reportSubject(report);
  const png = svgToPng(renderWeeklyChart(report));
  const chartImg = `<img src="cid:${CHART_CID}" alt="Posts per day by sentiment, ${report.week}" width="760" style="max-width:100%;height:auto">`;
  const composer = new MailComposer({
    from: options.from,
    to: [...options.to],
    subject,
    text: reportText(report, options.generatedAt),
    html: renderWeeklyHtml(report, options.generatedAt, chartImg),
    attachments: [
      { filename: `sentiment-${report.week}.png`, content: png, contentType: 'image/png', cid: CHART_CID },
      {
        filename: `sentiment-${report.week}.csv`,
        content: renderWeeklyCsv(report),
        contentType: 'text/csv; charset=utf-8',
      },
    ],
  });
  const node = composer.compile();
  const raw = await node.build();
  return { subject, raw, messageId: node.messageId() };
}
