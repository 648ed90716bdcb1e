// What the weekly report says and links to: its language (REPORTING_LOCALE), the dashboard link (DASHBOARD_PUBLIC_URL) and the alerts log (ALERT_FILE); locally both default to what `npm start` wrote in .local/endpoints.json.
import { DEFAULT_ENDPOINTS_FILE, ENDPOINTS_FILE_VARIABLE, readLocalStackFile } from '../../common/aws/local-stack-file';
import type { ConfigReader } from '../../common/config/config-reader';
import { readLocale, type Locale } from '../i18n/locale';

export interface ReportContent {
  readonly locale: Locale;
  /** The dashboard's public base URL; undefined: the report carries no link. */
  readonly dashboardUrl: string | undefined;
  /** The alerter's JSON-lines log; undefined (ALERT_FILE unset outside npm start, or none): the report says alerts are not kept. */
  readonly alertsFile: string | undefined;
}

export function readReportContent(reader: ConfigReader): ReportContent {
  const local = readLocalStackFile(reader.string(ENDPOINTS_FILE_VARIABLE, DEFAULT_ENDPOINTS_FILE)) ?? {};
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
