// How and when the weekly report is mailed: recipients, sender, transport, time zone and send time; flags over environment over .local/endpoints.json.
import { readAwsSettings, type AwsSettings } from '../../common/aws/aws-settings';
import type { ConfigReader } from '../../common/config/config-reader';
import { parseSmtpUrl, type SmtpSettings } from '../mail/smtp-settings';
import { readLocalStackFile } from '../../common/aws/local-stack-file';
import { DEFAULT_REPORT_OUTBOX, REPORT_SETTINGS as S } from './report-settings';
import { UsageError } from '../reporting-errors';
import { assertTimeZone, systemTimeZone } from './zoned-week';

export type TransportName = 'outbox' | 'ses' | 'smtp';

export interface ReportDelivery {
  readonly to: readonly string[];
  readonly from: string;
  readonly transport: TransportName;
  /** The SMTP server and credentials (REPORT_SMTP_URL, REPORT_SMTP_USER, REPORT_SMTP_PASSWORD): never log it. */
  readonly smtp?: SmtpSettings;
  /** Every mail sent also lands here as an .eml file (always with the outbox transport). */
  readonly outbox?: string;
  readonly aws: AwsSettings;
  /** SES v2 endpoint override (AWS_ENDPOINT_URL_SESV2), for a stand-in. */
  readonly sesEndpoint?: string;
  readonly ledgerTable: string;
}

export interface ReportSchedule {
  readonly timeZone: string;
  /** Local send time on Mondays. */
  readonly hour: number;
  readonly minute: number;
}

/** Local defaults `npm start` writes: email.outbox, email.to, email.from. */
export function localEmail(file: string): { outbox?: string; to?: string[]; from?: string } {
  const email = readLocalStackFile(file)?.email;
  if (email === undefined) return {};
  return {
    ...(email.outbox === undefined ? {} : { outbox: email.outbox }),
    ...(email.to === undefined ? {} : { to: [...email.to] }),
    ...(email.from === undefined ? {} : { from: email.from }),
  };
}

const ADDRESS = /^[^\s@<>,]+@[^\s@<>,]+\.[^\s@<>,]+$/;

export function readReportSchedule(reader: ConfigReader): ReportSchedule {
  const zone = reader.string(S.timeZone.variable, systemTimeZone());
  try {
    assertTimeZone(zone, S.timeZone.variable);
  } catch (error: unknown) {
    if (error instanceof UsageError) reader.problem(error.message);
  }
  const time = reader.string(S.time.variable, S.time.default);
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time);
  if (match === null) reader.problem(`REPORT_TIME must be HH:MM (24 h, local time in REPORT_TIME_ZONE), got "${time}"`);
  return { timeZone: zone, hour: Number(match?.[1] ?? 8), minute: Number(match?.[2] ?? 0) };
}

/** reader.string with a fallback that may itself be absent. */
function stringOr(reader: ConfigReader, name: string, fallback: string | undefined): string | undefined {
  return fallback === undefined ? reader.string(name) : reader.string(name, fallback);
}

export function readReportDelivery(reader: ConfigReader): ReportDelivery {
  const local = localEmail(reader.string(S.endpointsFile.variable, S.endpointsFile.default));
  const outbox = stringOr(reader, S.outbox.variable, local.outbox);
  const transport = stringOr(reader, S.transport.variable, outbox === undefined ? undefined : 'outbox');
  if (transport === undefined)
    reader.problem(
      'REPORT_TRANSPORT is not set (ses, smtp or outbox) and there is no local outbox (is `npm start` running?)',
    );
  else if (!['outbox', 'ses', 'smtp'].includes(transport))
    reader.problem(`REPORT_TRANSPORT must be ses, smtp or outbox, got "${transport}"`);
  // Local addresses from endpoints.json apply only to local delivery: a real mail needs real recipients.
  const localDefaults = transport === 'outbox';
  const toText = stringOr(reader, S.to.variable, localDefaults ? local.to?.join(',') : undefined);
  const to = (toText ?? '')
    .split(',')
    .map((a) => a.trim())
    .filter((a) => a !== '');
  if (to.length === 0) reader.problem('no recipients: set REPORT_TO (comma-separated addresses)');
  for (const address of to) if (!ADDRESS.test(address)) reader.problem(`REPORT_TO: "${address}" is not a mail address`);
  const from = stringOr(reader, S.from.variable, localDefaults ? local.from : undefined);
  if (from === undefined) reader.problem('no sender: set REPORT_FROM (with SES, an address or domain verified in SES)');
  else if (!ADDRESS.test(from.replace(/^.*<(.+)>$/, '$1')))
    reader.problem(`REPORT_FROM: "${from}" is not a mail address`);
  const smtp = readSmtp(reader, transport === 'smtp');
  const sesEndpoint = reader.string(S.sesEndpoint.variable);
  const outboxDir = transport === 'outbox' || outbox !== undefined ? (outbox ?? DEFAULT_REPORT_OUTBOX) : undefined;
  return {
    to,
    from: from ?? '',
    transport: (transport ?? 'outbox') as TransportName,
    ...(smtp === undefined ? {} : { smtp }),
    ...(outboxDir === undefined ? {} : { outbox: outboxDir }),
    aws: readAwsSettings(reader),
    ...(sesEndpoint === undefined ? {} : { sesEndpoint }),
    ledgerTable: reader.string(S.ledgerTable.variable, S.ledgerTable.default),
  };
}

/**
 * REPORT_SMTP_URL (the server) with REPORT_SMTP_USER and REPORT_SMTP_PASSWORD (the credentials, in their own variables
 * so a password holding `/` or `@` needs no URL escaping); credentials inside the URL still work but not both at once.
 */
function readSmtp(reader: ConfigReader, needed: boolean): SmtpSettings | undefined {
  const url = reader.string(S.smtpUrl.variable);
  const user = reader.string(S.smtpUser.variable);
  const password = reader.string(S.smtpPassword.variable);
  if (needed && url === undefined) reader.problem('REPORT_TRANSPORT=smtp needs REPORT_SMTP_URL (smtp://host:587)');
  if (password !== undefined && user === undefined)
    reader.problem('REPORT_SMTP_PASSWORD is set without REPORT_SMTP_USER');
  if (url === undefined) return undefined;
  const parsed = parseSmtpUrl(url);
  if (!parsed.ok) {
    reader.problem(parsed.problem);
    return undefined;
  }
  if (parsed.value.auth !== undefined && user !== undefined) {
    reader.problem(
      'REPORT_SMTP_URL holds credentials and REPORT_SMTP_USER is set too: keep them only in REPORT_SMTP_USER and REPORT_SMTP_PASSWORD',
    );
    return undefined;
  }
  return user === undefined ? parsed.value : { ...parsed.value, auth: { user, pass: password ?? '' } };
}
