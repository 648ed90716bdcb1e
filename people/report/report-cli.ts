// `npm run report -- --week 2026-W47`: the previous ISO week by default; writes sentiment-<week>.html and .csv to a folder.
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigReader } from '../../common/config/config-reader';
import { failureExit, type CliDeps } from '../cli-deps';
import { PEOPLE_EXIT } from '../people-errors';
import type { PostReader } from '../posts/post-reader';
import { readPostsSource, type PostsSource } from '../posts/posts-source';
import { PgPostReader } from '../posts/pg-post-reader';
import { formatIsoWeek, isoWeekStartMs, parseIsoWeek, previousIsoWeek } from './iso-week';
import { renderWeeklyCsv } from './weekly-report-csv';
import { renderWeeklyHtml } from './weekly-report-html';
import { weeklySentiment } from './weekly-sentiment';

export const REPORT_USAGE = `usage: npm run report -- [--week YYYY-Www] [--out DIR] [--json]
  day-by-day sentiment of one ISO week (default: the previous week), as HTML with a chart plus CSV
  env: REPORT_DIR (.local/reports), REDSHIFT_URL or ENDPOINTS_FILE
exit codes: 0 written, 1 error, 2 bad arguments or configuration`;

export interface ReportCliDeps extends CliDeps {
  readonly openReader?: (source: PostsSource) => PostReader;
}

export async function runReportCli(argv: readonly string[], deps: ReportCliDeps): Promise<number> {
  let reader: PostReader | undefined;
  try {
    const { values } = parseArgs({ args: [...argv], strict: true, options: { week: { type: 'string' }, out: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean' } } });
    if (values.help === true) { deps.print(REPORT_USAGE); return PEOPLE_EXIT.ok; }
    const nowMs = (deps.now ?? Date.now)();
    const week = values.week === undefined ? previousIsoWeek(nowMs) : parseIsoWeek(values.week);
    const config = new ConfigReader('report', [{ REPORT_DIR: values.out }, deps.env]);
    const source = readPostsSource(config);
    const { dir } = config.finish({ dir: config.string('REPORT_DIR', '.local/reports') });
    const fromMs = isoWeekStartMs(week);
    deps.printError(`report ${formatIsoWeek(week)}: reading ${source.table} (${source.origin})...`);
    reader = (deps.openReader ?? ((s) => new PgPostReader(s, deps.logger)))(source);
    const report = weeklySentiment(week, await reader.countByLabel({ fromMs, toMs: fromMs + 7 * 86_400_000 }, 'day'));
    if (report.totals.posts === 0) deps.printError(`report ${report.week}: no posts in that week (the report shows zeros)`);
    const base = path.join(dir, `sentiment-${report.week}`);
    const files = { html: `${base}.html`, csv: `${base}.csv` };
    writeAtomically(files.html, renderWeeklyHtml(report, new Date(nowMs).toISOString()));
    writeAtomically(files.csv, renderWeeklyCsv(report));
    deps.print(values.json === true ? JSON.stringify({ ...report, files }, null, 2) : `wrote ${files.html}\nwrote ${files.csv}`);
    return PEOPLE_EXIT.ok;
  } catch (error: unknown) {
    return failureExit(error, deps, REPORT_USAGE);
  } finally {
    await reader?.close().catch(() => undefined);
  }
}

/** Write beside, then rename: a mail job picking the file up never sees half a report. */
function writeAtomically(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${crypto.randomBytes(4).toString('hex')}.tmp`;
  fs.writeFileSync(temporary, text);
  fs.renameSync(temporary, file);
}
