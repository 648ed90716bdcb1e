// Sends one week's report exactly once: claim the week in the ledger, build and compose the mail, hand it to the transport, mark it sent (or release it).
import { describeError } from '../../common/errors';
import type { Logger } from '../../common/logger';
import type { MailTransport } from '../mail/mail-transport';
import type { Locale } from '../i18n/locale';
import { formatIsoWeek, type IsoWeek } from './iso-week';
import type { ClaimResult } from './report-ledger';
import { composeReportMail } from './report-mail';
import { buildFullReport, type FullWeeklyReport, type ReportSources } from './weekly-report-builder';

/** The ledger operations the sender needs (PgReportLedger; tests may use others). */
export interface ReportLedger {
  claim(week: string, owner: string, options: { force: boolean; nowMs: number }): Promise<ClaimResult>;
  markSent(
    week: string,
    owner: string,
    sent: { nowMs: number; transport: string; messageId: string; recipients: readonly string[] },
  ): Promise<void>;
  release(week: string, owner: string, reason: string): Promise<void>;
}

export interface SenderDeps {
  /** The posts, the report's details, the alerts log and the dashboard link. */
  readonly sources: ReportSources;
  readonly ledger: ReportLedger;
  readonly transport: MailTransport;
  /** A copy of every mail as .eml (local runs), besides the transport; absent when the transport is the outbox itself. */
  readonly outboxCopy?: MailTransport;
  /** Identifies this sender in the ledger (host:pid). */
  readonly owner: string;
  readonly logger: Logger;
  readonly now: () => number;
}

export interface SendRequest {
  readonly week: IsoWeek;
  readonly timeZone: string;
  readonly locale: Locale;
  readonly from: string;
  readonly to: readonly string[];
  readonly force: boolean;
}

export type SendOutcome =
  | {
      readonly week: string;
      readonly outcome: 'sent';
      readonly subject: string;
      readonly transport: string;
      readonly messageId: string;
      readonly outboxFile?: string;
      readonly posts: number;
    }
  | { readonly week: string; readonly outcome: 'already-sent'; readonly sentAt: string }
  | { readonly week: string; readonly outcome: 'in-progress'; readonly claimedBy: string };

/** Rejects (after releasing the claim) when the mail could not be built or sent; the week then stays unsent. */
export async function sendWeeklyReport(request: SendRequest, deps: SenderDeps): Promise<SendOutcome> {
  const week = formatIsoWeek(request.week);
  const claim = await deps.ledger.claim(week, deps.owner, { force: request.force, nowMs: deps.now() });
  if (claim.outcome !== 'claimed') return { week, ...claim };
  let messageId: string;
  let report: FullWeeklyReport;
  let subject: string;
  let raw: Buffer;
  try {
    report = await buildFullReport(deps.sources, request.week, request.timeZone, request.locale);
    ({ subject, raw } = await composeReportMail(report, {
      from: request.from,
      to: request.to,
      generatedAtMs: deps.now(),
    }));
    messageId = await deps.transport.send({ from: request.from, to: request.to, raw, tag: week });
  } catch (error: unknown) {
    await deps.ledger
      .release(week, deps.owner, describeError(error))
      .catch((releaseError: unknown) =>
        deps.logger.error('could not release the ledger claim', { week, error: describeError(releaseError) }),
      );
    throw error;
  }
  let outboxFile: string | undefined;
  try {
    outboxFile = await deps.outboxCopy?.send({ from: request.from, to: request.to, raw, tag: week });
  } catch (error: unknown) {
    // The mail left: the copy is a convenience and must not make the week look unsent.
    deps.logger.warn('outbox copy failed', { week, error: describeError(error) });
  }
  await deps.ledger.markSent(week, deps.owner, {
    nowMs: deps.now(),
    transport: deps.transport.name,
    messageId,
    recipients: request.to,
  });
  deps.logger.info('weekly report sent', {
    week,
    transport: deps.transport.name,
    recipients: request.to.length,
    posts: report.current.totals.posts,
  });
  return {
    week,
    outcome: 'sent',
    subject,
    transport: deps.transport.name,
    messageId,
    ...(outboxFile === undefined ? {} : { outboxFile }),
    posts: report.current.totals.posts,
  };
}
