// `npm run report`: the weekly report of one ISO week (default: the previous week in REPORT_TIME_ZONE) written to files, mailed (--send), or mailed every Monday (--schedule).
import * as crypto from 'node:crypto';
import { settingsText } from '../../common/config/setting';
import { DEFAULT_REPORT_OUTBOX, REPORT_SETTINGS } from './report-settings';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { ConfigReader } from '../../common/config/config-reader';
import { failureExit, untilAborted, type CliDeps } from '../cli-deps';
import type { MailTransport } from '../mail/mail-transport';
import { OutboxTransport } from '../mail/outbox-transport';
import { SesTransport } from '../mail/ses-transport';
import { SmtpTransport } from '../mail/smtp-transport';
import { REPORTING_EXIT } from '../reporting-errors';
import type { PostReader } from '../posts/post-reader';
import { readPostsSource, type PostsSource } from '../posts/posts-source';
import { PgPostReader } from '../posts/pg-post-reader';
import { formatIsoWeek, parseIsoWeek } from './iso-week';
import { readReportDelivery, readReportSchedule, type ReportDelivery } from './report-delivery-config';
import { PgReportLedger } from './report-ledger';
import { ReportScheduler } from './report-scheduler';
import { PgWeekDetailReader, type WeekDetailReader } from './pg-week-detail-reader';
import { readReportContent } from './report-content-config';
import { reportFileNames } from './report-mail';
import { buildFullReport, type ReportSources } from './weekly-report-builder';
import { renderWeeklyCsv } from './weekly-report-csv';
import { renderWeeklyHtml } from './weekly-report-html';
import { sendWeeklyReport, type ReportLedger, type SendOutcome } from './weekly-report-sender';
import { renderTermsCsv } from './weekly-terms-csv';
import { zonedPreviousWeek } from './zoned-week';

export const REPORT_USAGE = `usage: npm run report -- [--week YYYY-Www] [--out DIR] [--json]
       npm run report -- --send [--week YYYY-Www] [--force] [--json]
       npm run report -- --schedule
  day-by-day sentiment of one ISO week (default: the previous week), days in REPORT_TIME_ZONE
  the report: posts and negative share against the week before (per day too), top terms and their change,
  three representative negative and positive posts, the split by source and language, the week's alerts,
  a link to the dashboard on that week; in REPORTING_LOCALE (en|es)
  (files)     HTML with a chart, the day CSV and the terms CSV in --out
  --send      mail it now: HTML with the chart as an inline PNG, plain text, the day and terms CSVs attached; a week is sent once
              (the ledger table REPORT_LEDGER_TABLE remembers it), --force sends it again
  --schedule  stay running and send the previous week every Monday at REPORT_TIME; a Monday missed while stopped
              is sent at start (npm start runs this)
  env: REPORT_TO (comma-separated), REPORT_FROM, REPORT_TRANSPORT (ses|smtp|outbox), REPORT_SMTP_URL (smtp://host:587),
       REPORT_SMTP_USER, REPORT_SMTP_PASSWORD, REPORT_OUTBOX,
       REPORT_TIME_ZONE (IANA, default the machine's), REPORT_TIME (08:00), REPORT_DIR (.local/reports),
       REPORTING_LOCALE (en), DASHBOARD_PUBLIC_URL (the link), ALERT_FILE (the alerter's log, none: not kept),
       REDSHIFT_URL or ENDPOINTS_FILE (locally the outbox and addresses come from .local/endpoints.json)
exit codes: 0 written/sent/already sent, 1 error (the week stays unsent), 2 bad arguments or configuration`;

export interface ReportCliDeps extends CliDeps {
  readonly openReader?: (source: PostsSource) => PostReader;
  readonly openDetails?: (source: PostsSource) => WeekDetailReader;
  readonly openLedger?: (
    source: PostsSource,
    table: string,
  ) => ReportLedger & { ensureTable(): Promise<void>; close(): Promise<void> };
  readonly openTransport?: (delivery: ReportDelivery) => MailTransport;
}

export async function runReportCli(argv: readonly string[], deps: ReportCliDeps): Promise<number> {
  let reader: PostReader | undefined;
  const transports: MailTransport[] = [];
  const closers: (() => Promise<void>)[] = [];
  try {
    const { values } = parseArgs({
      args: [...argv],
      strict: true,
      options: {
        week: { type: 'string' },
        out: { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean' },
        send: { type: 'boolean' },
        force: { type: 'boolean' },
        schedule: { type: 'boolean' },
      },
    });
    if (values.help === true) {
      deps.print(REPORT_USAGE);
      return REPORTING_EXIT.ok;
    }
    const now = deps.now ?? Date.now;
    const mailing = values.send === true || values.schedule === true;
    const config = new ConfigReader('report', [settingsText(REPORT_SETTINGS, { dir: values.out }), deps.env]);
    const source = readPostsSource(config);
    const schedule = readReportSchedule(config);
    const delivery = mailing ? readReportDelivery(config) : undefined;
    const content = readReportContent(config);
    const { dir } = config.finish({ dir: config.string(REPORT_SETTINGS.dir.variable, REPORT_SETTINGS.dir.default) });
    const week = values.week === undefined ? zonedPreviousWeek(now(), schedule.timeZone) : parseIsoWeek(values.week);
    reader = (deps.openReader ?? ((s) => new PgPostReader(s, deps.logger)))(source);
    const details = (deps.openDetails ?? ((s) => new PgWeekDetailReader(s, deps.logger)))(source);
    closers.push(() => details.close());
    const sources: ReportSources = {
      reader,
      details,
      alertsFile: content.alertsFile,
      dashboardUrl: content.dashboardUrl,
    };

    if (delivery === undefined) {
      deps.printError(
        `report ${formatIsoWeek(week)}: reading ${source.table} (${source.origin}), days in ${schedule.timeZone}...`,
      );
      const report = await buildFullReport(sources, week, schedule.timeZone, content.locale);
      if (report.current.totals.posts === 0)
        deps.printError(`report ${report.current.week}: no posts in that week (the report shows zeros)`);
      const names = reportFileNames(report.current.week);
      const files = {
        html: path.join(dir, `sentiment-${report.current.week}.html`),
        csv: path.join(dir, names.csv),
        terms: path.join(dir, names.terms),
      };
      writeAtomically(files.html, renderWeeklyHtml(report, now()));
      writeAtomically(files.csv, renderWeeklyCsv(report.current));
      writeAtomically(files.terms, renderTermsCsv([...report.details.terms, ...report.details.risingTerms]));
      deps.print(
        values.json === true
          ? JSON.stringify({ ...report.current, previous: report.previous.totals, ...report.details, files }, null, 2)
          : `wrote ${files.html}\nwrote ${files.csv}\nwrote ${files.terms}`,
      );
      return REPORTING_EXIT.ok;
    }

    const ledger = (deps.openLedger ?? ((s, table) => new PgReportLedger(s, table, deps.logger)))(
      source,
      delivery.ledgerTable,
    );
    closers.push(() => ledger.close());
    await ledger.ensureTable();
    const transport = (deps.openTransport ?? openTransport)(delivery);
    transports.push(transport);
    const outboxCopy =
      delivery.outbox !== undefined && transport.name !== 'outbox'
        ? new OutboxTransport(delivery.outbox, now)
        : undefined;
    const send = (target: typeof week, force: boolean): Promise<SendOutcome> =>
      sendWeeklyReport(
        {
          week: target,
          timeZone: schedule.timeZone,
          locale: content.locale,
          from: delivery.from,
          to: delivery.to,
          force,
        },
        {
          sources,
          ledger,
          transport,
          ...(outboxCopy === undefined ? {} : { outboxCopy }),
          owner: `${os.hostname()}:${process.pid}`,
          logger: deps.logger,
          now,
        },
      );

    if (values.schedule === true) {
      const scheduler = new ReportScheduler({
        schedule,
        logger: deps.logger,
        now,
        send: async (target) => {
          deps.printError(describeOutcome(await send(target, false), delivery));
        },
      });
      scheduler.start();
      const next = scheduler.nextRun();
      deps.printError(
        `report scheduler: "${scheduler.pattern}" in ${schedule.timeZone} (next ${next === undefined ? '-' : new Date(next).toISOString()}) via ${transport.name} to ${delivery.to.join(', ')}; Ctrl-C stops it`,
      );
      await untilAborted(deps.signal);
      await scheduler.stop();
      return REPORTING_EXIT.ok;
    }

    deps.printError(
      `report ${formatIsoWeek(week)}: days in ${schedule.timeZone}, sending via ${transport.name} to ${delivery.to.join(', ')}...`,
    );
    const outcome = await send(week, values.force === true);
    deps.print(values.json === true ? JSON.stringify(outcome) : describeOutcome(outcome, delivery));
    return REPORTING_EXIT.ok;
  } catch (error: unknown) {
    return failureExit(error, deps, REPORT_USAGE);
  } finally {
    for (const t of transports) await t.close().catch(() => undefined);
    for (const close of closers) await close().catch(() => undefined);
    await reader?.close().catch(() => undefined);
  }
}

function openTransport(delivery: ReportDelivery): MailTransport {
  if (delivery.transport === 'ses')
    return new SesTransport(
      new SESv2Client({
        region: delivery.aws.region,
        maxAttempts: 3,
        ...(delivery.sesEndpoint === undefined ? {} : { endpoint: delivery.sesEndpoint }),
      }),
    );
  if (delivery.transport === 'smtp' && delivery.smtp !== undefined) return new SmtpTransport(delivery.smtp);
  return new OutboxTransport(delivery.outbox ?? DEFAULT_REPORT_OUTBOX);
}

function describeOutcome(outcome: SendOutcome, delivery: ReportDelivery): string {
  if (outcome.outcome === 'already-sent')
    return `report ${outcome.week}: already sent at ${outcome.sentAt} (the ledger says so); --force sends it again`;
  if (outcome.outcome === 'in-progress')
    return `report ${outcome.week}: another sender (${outcome.claimedBy}) is sending it now; nothing done`;
  const where = outcome.outboxFile ?? (outcome.transport === 'outbox' ? outcome.messageId : undefined);
  return `report ${outcome.week}: sent via ${outcome.transport} to ${delivery.to.join(', ')} (${outcome.posts} posts; id ${outcome.messageId})${where === undefined || where === outcome.messageId ? '' : `; copy ${where}`}`;
}

/** Write beside, then rename: a mail job picking the file up never sees half a report. */
function writeAtomically(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${crypto.randomBytes(4).toString('hex')}.tmp`;
  fs.writeFileSync(temporary, text);
  fs.renameSync(temporary, file);
}
