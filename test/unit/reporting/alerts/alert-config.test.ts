// The alerter's new settings: webhook (its URL never echoed), the rule relative to normal, the dashboard link, language; the state file.
import { expect } from 'chai';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ConfigError } from '../../../../common/errors';
import { readAlertConfig } from '../../../../reporting/alerts/alert-config';
import { readAlertState, writeAlertState } from '../../../../reporting/alerts/alert-state-file';

const BASE = { REDSHIFT_URL: 'postgres://u@127.0.0.1:5439/dev', ENDPOINTS_FILE: '/nonexistent.json' };
const problemsOf = (env: Record<string, string>): string[] => {
  try {
    readAlertConfig({}, { ...BASE, ...env });
  } catch (error: unknown) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
  return [];
};

describe('alert configuration', () => {
  it('defaults: no webhook, the relative rule off, the local dashboard, English', () => {
    const config = readAlertConfig({}, BASE);
    expect(config.webhook).to.equal(undefined);
    expect(config.share).to.equal(undefined);
    expect(config.dashboardUrl).to.equal('http://127.0.0.1:4570/');
    expect(config.locale).to.equal('en');
  });

  it('links to the dashboard on DASHBOARD_PORT, or to DASHBOARD_PUBLIC_URL', () => {
    expect(readAlertConfig({}, { ...BASE, DASHBOARD_PORT: '4999' }).dashboardUrl).to.equal('http://127.0.0.1:4999/');
    expect(
      readAlertConfig({}, { ...BASE, DASHBOARD_PUBLIC_URL: 'https://dash.example.org/city/' }).dashboardUrl,
    ).to.equal('https://dash.example.org/city/');
    expect(problemsOf({ DASHBOARD_PUBLIC_URL: 'dash.example.org' })).to.have.length(1);
  });

  it('detects the webhook format from Slack and Teams hosts, or takes ALERT_WEBHOOK_FORMAT', () => {
    const format = (url: string, chosen?: string): string | undefined =>
      readAlertConfig(
        {},
        { ...BASE, ALERT_WEBHOOK_URL: url, ...(chosen === undefined ? {} : { ALERT_WEBHOOK_FORMAT: chosen }) },
      ).webhook?.format;
    expect(format('https://hooks.slack.com/services/T0/B0/x')).to.equal('slack');
    expect(format('https://contoso.webhook.office.com/webhookb2/x')).to.equal('teams');
    expect(
      format('https://prod-01.westus.logic.azure.com:443/workflows/x/triggers/manual/paths/invoke?sig=y'),
    ).to.equal('teams');
    expect(format('https://chat.example.org/hooks/x', 'slack')).to.equal('slack');
    expect(format('http://127.0.0.1:9/hook', 'teams')).to.equal('teams');
  });

  it('reports every webhook problem at once, never echoing the URL', () => {
    const problems = problemsOf({
      ALERT_WEBHOOK_URL: 'http://chat.example.org/hooks/s3cr3t',
      ALERT_WEBHOOK_FORMAT: 'discord',
    });
    expect(problems.join('\n')).to.contain('ALERT_WEBHOOK_FORMAT must be one of auto, slack, teams');
    expect(problems.join('\n')).to.contain('ALERT_WEBHOOK_URL must be an https:// URL');
    expect(problems.join('\n')).to.not.contain('s3cr3t');
    expect(problemsOf({ ALERT_WEBHOOK_URL: 'not a url s3cr3t' }).join('\n'))
      .to.contain('ALERT_WEBHOOK_URL is not a URL')
      .and.not.contain('s3cr3t');
  });

  it('a webhook alone is a channel', () => {
    expect(
      readAlertConfig({}, { ...BASE, ALERT_FILE: 'none', ALERT_WEBHOOK_URL: 'https://hooks.slack.com/services/a' })
        .webhook,
    ).to.not.equal(undefined);
  });

  it("reads the relative rule: on, its margin and minimum count, with the count rule's cooldown setting", () => {
    const config = readAlertConfig(
      {},
      {
        ...BASE,
        ALERT_RELATIVE_RULE: 'true',
        ALERT_RELATIVE_MARGIN_POINTS: '15',
        ALERT_RELATIVE_MIN_NEGATIVE: '25',
        ALERT_COOLDOWN_MINUTES: '30',
      },
    );
    expect(config.share).to.deep.equal({ marginPoints: 15, minNegative: 25, cooldownMs: 1_800_000 });
    expect(
      problemsOf({
        ALERT_RELATIVE_RULE: 'maybe',
        ALERT_RELATIVE_MARGIN_POINTS: '-1',
        ALERT_RELATIVE_MIN_NEGATIVE: '0',
      }),
    ).to.have.length(3);
  });

  it('reads the language and the zone of the times', () => {
    const config = readAlertConfig({}, { ...BASE, REPORTING_LOCALE: 'es', REPORT_TIME_ZONE: 'America/Bogota' });
    expect(config).to.deep.include({ locale: 'es', timeZone: 'America/Bogota' });
    expect(
      readAlertConfig({}, { ...BASE, ALERT_TIME_ZONE: 'UTC', REPORT_TIME_ZONE: 'America/Bogota' }).timeZone,
    ).to.equal('UTC');
    expect(problemsOf({ REPORTING_LOCALE: 'fr', ALERT_TIME_ZONE: 'Mars/Olympus' })).to.have.length(2);
  });
});

describe('alert state file', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'alert-state-'));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('round-trips the covered windows and the relative rule state', () => {
    const file = path.join(dir, 'state.json');
    const state = {
      firing: false,
      lastAlertMs: 5,
      covered: [{ fromMs: 1, toMs: 4 }],
      share: { firing: true, lastAlertMs: 7 },
    };
    writeAlertState(file, state);
    expect(readAlertState(file)).to.deep.equal(state);
  });

  it('reads a file written before covered windows: everything up to coveredThroughMs stays covered', () => {
    const file = path.join(dir, 'old.json');
    fs.writeFileSync(file, JSON.stringify({ firing: true, lastAlertMs: 10, coveredThroughMs: 9 }));
    expect(readAlertState(file)).to.deep.equal({
      firing: true,
      lastAlertMs: 10,
      covered: [{ fromMs: 0, toMs: 9 }],
      share: { firing: false, lastAlertMs: null },
    });
  });

  it('refuses a file that is not a state file', () => {
    const file = path.join(dir, 'bad.json');
    fs.writeFileSync(file, JSON.stringify({ firing: true, lastAlertMs: 10, covered: [{ fromMs: 'x' }] }));
    expect(() => readAlertState(file)).to.throw(/not an alert state file/);
  });
});
