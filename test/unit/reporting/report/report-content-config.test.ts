// What the report says and links to: REPORTING_LOCALE, DASHBOARD_PUBLIC_URL and ALERT_FILE, with npm start's defaults only when its endpoints file is there.
import { expect } from 'chai';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ConfigReader } from '../../../../common/config/config-reader';
import { ConfigError } from '../../../../common/errors';
import { readReportContent } from '../../../../reporting/report/report-content-config';

describe('report content settings', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'report-content-'));
  const endpoints = path.join(dir, 'endpoints.json');
  fs.writeFileSync(
    endpoints,
    JSON.stringify({ dashboard: { url: 'http://127.0.0.1:4570/' }, alerts: { file: '/x/alerts.jsonl' } }),
  );
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('outside npm start: English, no link, no alerts log (the mail then says alerts are not kept)', () => {
    const content = readReportContent(new ConfigReader('t', [{ ENDPOINTS_FILE: path.join(dir, 'none.json') }]));
    expect(content).to.deep.equal({ locale: 'en', dashboardUrl: undefined, alertsFile: undefined });
  });

  it('under npm start: the local dashboard and alerts file; variables win, ALERT_FILE=none turns the log off', () => {
    expect(readReportContent(new ConfigReader('t', [{ ENDPOINTS_FILE: endpoints }]))).to.deep.equal({
      locale: 'en',
      dashboardUrl: 'http://127.0.0.1:4570/',
      alertsFile: '/x/alerts.jsonl',
    });
    const env = {
      ENDPOINTS_FILE: endpoints,
      REPORTING_LOCALE: 'es',
      DASHBOARD_PUBLIC_URL: 'https://d.example.org/',
      ALERT_FILE: 'none',
    };
    expect(readReportContent(new ConfigReader('t', [env]))).to.deep.equal({
      locale: 'es',
      dashboardUrl: 'https://d.example.org/',
      alertsFile: undefined,
    });
  });

  it('reports a bad locale and a bad dashboard URL together', () => {
    const reader = new ConfigReader('t', [
      { ENDPOINTS_FILE: endpoints, REPORTING_LOCALE: 'fr', DASHBOARD_PUBLIC_URL: 'ftp://x' },
    ]);
    readReportContent(reader);
    expect(() => reader.finish({})).to.throw(ConfigError, /REPORTING_LOCALE[\s\S]*DASHBOARD_PUBLIC_URL/);
  });
});
