// The weekly report's aggregation (days, shares, weighted mean score) and its CSV and HTML renderings.
import { expect } from 'chai';
import { parseIsoWeek, isoWeekStartMs } from '../../../../reporting/report/iso-week';
import { renderWeeklyCsv } from '../../../../reporting/report/weekly-report-csv';
import { renderWeeklyHtml } from '../../../../reporting/report/weekly-report-html';
import { weeklySentiment } from '../../../../reporting/report/weekly-sentiment';
import type { LabelCount } from '../../../../reporting/posts/post-reader';
import { fullReport } from './report-fixtures';

const WEEK = parseIsoWeek('2026-W47');
const MONDAY = isoWeekStartMs(WEEK);
const DAY = 86_400_000;
const rows: LabelCount[] = [
  { bucketMs: MONDAY, label: 'NEGATIVE', posts: 3, scoreSum: -2.4, scored: 3 },
  { bucketMs: MONDAY, label: 'POSITIVE', posts: 1, scoreSum: 0.8, scored: 1 },
  { bucketMs: MONDAY, label: 'UNSCORED', posts: 2, scoreSum: 0, scored: 0 },
  { bucketMs: MONDAY + 2 * DAY, label: 'NEUTRAL', posts: 5, scoreSum: 0.5, scored: 5 },
  { bucketMs: MONDAY + 7 * DAY, label: 'NEGATIVE', posts: 99, scoreSum: -99, scored: 99 },
];

describe('weekly sentiment report', () => {
  const report = weeklySentiment(WEEK, rows);

  it('has seven days, Monday first, with empty days at zero and no score', () => {
    expect(report.days.map((d) => `${d.weekday} ${d.date} ${d.posts}`)).to.deep.equal([
      'Mon 2026-11-16 6',
      'Tue 2026-11-17 0',
      'Wed 2026-11-18 5',
      'Thu 2026-11-19 0',
      'Fri 2026-11-20 0',
      'Sat 2026-11-21 0',
      'Sun 2026-11-22 0',
    ]);
    expect(report.days[1]!.meanScore).to.equal(null);
    expect(report.days[1]!.negativeShare).to.equal(null);
  });

  it('takes the negative share over scored posts and the mean score weighted by scored posts', () => {
    const monday = report.days[0]!;
    expect(monday.negativeShare).to.equal(3 / 4);
    expect(monday.meanScore).to.be.closeTo(-1.6 / 4, 1e-12);
    expect(report.totals.posts).to.equal(11);
    expect(report.totals.meanScore).to.be.closeTo(-1.1 / 9, 1e-12);
  });

  it('writes one CSV row per day with empty cells for missing figures', () => {
    const lines = renderWeeklyCsv(report).split('\r\n');
    expect(lines[0]).to.equal('date,weekday,posts,positive,negative,neutral,mixed,unscored,negative_share,mean_score');
    expect(lines[1]).to.equal('2026-11-16,Mon,6,1,3,0,0,2,0.75,-0.4');
    expect(lines[2]).to.equal('2026-11-17,Tue,0,0,0,0,0,0,,');
    expect(lines).to.have.length(9);
  });

  it('renders a self-contained HTML page with one SVG chart and the totals row', () => {
    const html = renderWeeklyHtml(
      fullReport(report, weeklySentiment(parseIsoWeek('2026-W46'), [])),
      Date.UTC(2026, 10, 23, 6),
    );
    expect(html.match(/<svg /g)).to.have.length(1);
    expect(html).to.not.match(/<script|<link|src=|href=|@import/);
    expect(html)
      .to.contain('Weekly sentiment report: 2026-W47')
      .and.contain('<td>week total</td><td><b>11</b></td>')
      .and.contain('75.0%');
    expect(html.match(/<polyline /g)).to.have.length(2); // the mean-score line breaks over days without posts
  });
});
