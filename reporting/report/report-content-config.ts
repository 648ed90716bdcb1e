// What the weekly report says and links to: its language (REPORTING_LOCALE), the dashboard link (DASHBOARD_PUBLIC_URL) and the alerts log (ALERT_FILE); locally both default to what `npm start` wrote in .local/endpoints.json.
import * as fs from 'node:fs';
import { DEFAULT_ENDPOINTS_FILE } from '../../common/aws/local-or-cloud';
import type { ConfigReader } from '../../common/config/config-reader';
import { readLocale, type Locale } from '../i18n/locale';

export interface ReportContent {
  readonly locale: Locale;
  /** The dashboard's public base URL; undefined: the report carries no link. */
  readonly dashboardUrl: string | undefined;
  /** The alerter's JSON-lines log; undefined (ALERT_FILE unset outside npm start, or none): the report says alerts are not kept. */
  readonly alertsFile: string | undefined;
}

/** The dashboard URL and alerts file `npm start` wrote (dashboard.url, alerts.file), when present. */
function localDefaults(file: string): { dashboardUrl?: string; alertsFile?: string } {
  try {
    const doc = JSON.parse(fs.readFileSync(file, 'utf8')) as {
      dashboard?: { url?: unknown };
      alerts?: { file?: unknown };
    } | null;
    return {
      ...(typeof doc?.dashboard?.url === 'string' ? { dashboardUrl: doc.dashboard.url } : {}),
      ...(typeof doc?.alerts?.file === 'string' ? { alertsFile: doc.alerts.file } : {}),
    };
  } catch {
    return {};
  }
}

export function readReportContent(reader: ConfigReader): ReportContent {
  const local = localDefaults(reader.string('ENDPOINTS_FILE', DEFAULT_ENDPOINTS_FILE));
  const locale = readLocale(reader);
  const dashboardUrl =
    local.dashboardUrl === undefined
      ? reader.string('DASHBOARD_PUBLIC_URL')
      : reader.string('DASHBOARD_PUBLIC_URL', local.dashboardUrl);
  if (dashboardUrl !== undefined) {
    let ok = false;
    try {
      ok = ['http:', 'https:'].includes(new URL(dashboardUrl).protocol);
    } catch {
      ok = false;
    }
    if (!ok) reader.problem('DASHBOARD_PUBLIC_URL must be an http(s) URL such as https://dashboard.example.org/');
  }
  // No default beyond npm start's: a report that cannot see the alerter's log says so instead of "no alerts".
  const alertsFile =
    local.alertsFile === undefined ? reader.string('ALERT_FILE') : reader.string('ALERT_FILE', local.alertsFile);
  return { locale, dashboardUrl, alertsFile: alertsFile === 'none' ? undefined : alertsFile };
}
