// How and when the weekly report is mailed: recipients, sender, transport, time zone and send time; flags over environment over .local/endpoints.json.
import * as fs from 'node:fs';
import { readAwsSettings, type AwsSettings } from '../../common/aws/aws-settings';
import type { ConfigReader } from '../../common/config/config-reader';
import { DEFAULT_ENDPOINTS_FILE } from '../posts/posts-source';
import { parseSmtpUrl, type SmtpSettings } from '../mail/smtp-settings';
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
  let document: unknown;
  try {
    document = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return {};
  }
  const email = (document as { email?: { outbox?: unknown; to?: unknown; from?: unknown } } | null)?.email;
  if (email === undefined || email === null) return {};
  return {
    ...(typeof email.outbox === 'string' ? { outbox: email.outbox } : {}),
    ...(Array.isArray(email.to) ? { to: email.to.filter((a): a is string => typeof a === 'string') } : {}),
    ...(typeof email.from === 'string' ? { from: email.from } : {}),
  };
}

const ADDRESS = /^[^\s@<>,]+@[^\s@<>,]+\.[^\s@<>,]+$/;

export function readReportSchedule(reader: ConfigReader): ReportSchedule {
  const zone = reader.string('REPORT_TIME_ZONE', systemTimeZone());
  try {
    assertTimeZone(zone, 'REPORT_TIME_ZONE');
  } catch (error: unknown) {
    if (error instanceof UsageError) reader.problem(error.message);
  }
  const time = reader.string('REPORT_TIME', '08:00');
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time);
  if (match === null) reader.problem(`REPORT_TIME must be HH:MM (24 h, local time in REPORT_TIME_ZONE), got "${time}"`);
  return { timeZone: zone, hour: Number(match?.[1] ?? 8), minute: Number(match?.[2] ?? 0) };
}

/** reader.string with a fallback that may itself be absent. */
function stringOr(reader: ConfigReader, name: string, fallback: string | undefined): string | undefined {
  return fallback === undefined ? reader.string(name) : reader.string(name, fallback);
}

export function readReportDelivery(reader: ConfigReader): ReportDelivery {
  const local = localEmail(reader.string('ENDPOINTS_FILE', DEFAULT_ENDPOINTS_FILE));
  const outbox = stringOr(reader, 'REPORT_OUTBOX', local.outbox);
  const transport = stringOr(reader, 'REPORT_TRANSPORT', outbox === undefined ? undefined : 'outbox');
  if (transport === undefined)
    reader.problem(
      'REPORT_TRANSPORT is not set (ses, smtp or outbox) and there is no local outbox (is `npm start` running?)',
    );
  else if (!['outbox', 'ses', 'smtp'].includes(transport))
    reader.problem(`REPORT_TRANSPORT must be ses, smtp or outbox, got "${transport}"`);
  // Local addresses from endpoints.json apply only to local delivery: a real mail needs real recipients.
  const localDefaults = transport === 'outbox';
  const toText = stringOr(reader, 'REPORT_TO', localDefaults ? local.to?.join(',') : undefined);
  const to = (toText ?? '')
    .split(',')
    .map((a) => a.trim())
    .filter((a) => a !== '');
  if (to.length === 0) reader.problem('no recipients: set REPORT_TO (comma-separated addresses)');
  for (const address of to) if (!ADDRESS.test(address)) reader.problem(`REPORT_TO: "${address}" is not a mail address`);
  const from = stringOr(reader, 'REPORT_FROM', localDefaults ? local.from : undefined);
  if (from === undefined) reader.problem('no sender: set REPORT_FROM (with SES, an address or domain verified in SES)');
  else if (!ADDRESS.test(from.replace(/^.*<(.+)>$/, '$1')))
    reader.problem(`REPORT_FROM: "${from}" is not a mail address`);
  const smtp = readSmtp(reader, transport === 'smtp');
  const sesEndpoint = reader.string('AWS_ENDPOINT_URL_SESV2');
  const outboxDir = transport === 'outbox' || outbox !== undefined ? (outbox ?? '.local/outbox') : undefined;
  return {
    to,
    from: from ?? '',
    transport: (transport ?? 'outbox') as TransportName,
    ...(smtp === undefined ? {} : { smtp }),
    ...(outboxDir === undefined ? {} : { outbox: outboxDir }),
    aws: readAwsSettings(reader),
    ...(sesEndpoint === undefined ? {} : { sesEndpoint }),
    ledgerTable: reader.string('REPORT_LEDGER_TABLE', 'public.report_ledger'),
  };
}

/**
 * REPORT_SMTP_URL (the server) with REPORT_SMTP_USER and REPORT_SMTP_PASSWORD (the credentials, in their own variables
 * so a password holding `/` or `@` needs no URL escaping); credentials inside the URL still work but not both at once.
 */
function readSmtp(reader: ConfigReader, needed: boolean): SmtpSettings | undefined {
  const url = reader.string('REPORT_SMTP_URL');
  const user = reader.string('REPORT_SMTP_USER');
  const password = reader.string('REPORT_SMTP_PASSWORD');
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
