// REPORT_SMTP_URL, REPORT_SMTP_USER and REPORT_SMTP_PASSWORD read without a URL parser; problems never echo a secret.
import { expect } from 'chai';
import { ConfigReader } from '../../../../common/config/config-reader';
import { ConfigError } from '../../../../common/errors';
import { parseSmtpUrl } from '../../../../reporting/mail/smtp-settings';
import { readReportDelivery } from '../../../../reporting/report/report-delivery-config';

const BASE = {
  REPORT_TRANSPORT: 'smtp',
  REPORT_TO: 'a@example.org',
  REPORT_FROM: 'b@example.org',
  ENDPOINTS_FILE: '/none',
};
const delivery = (env: Record<string, string>) => readReportDelivery(new ConfigReader('report', [{ ...BASE, ...env }]));
const problems = (env: Record<string, string>): string => {
  try {
    const reader = new ConfigReader('report', [{ ...BASE, ...env }]);
    readReportDelivery(reader);
    reader.finish({});
    return '';
  } catch (error: unknown) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
};

describe('SMTP settings (issue 25 item 11)', () => {
  it('reads a password holding / and @ pasted unescaped in the URL: user-info ends at the last @', () => {
    const parsed = parseSmtpUrl('smtp://reports:pa/ss@w0rd@mail.example.org:2525');
    expect(parsed).to.deep.equal({
      ok: true,
      value: { host: 'mail.example.org', port: 2525, secure: false, auth: { user: 'reports', pass: 'pa/ss@w0rd' } },
    });
  });

  it('decodes percent-encoded credentials, defaults the port by scheme, reads IPv6 hosts', () => {
    expect(parseSmtpUrl('smtps://me%40corp:p%2Fw@[::1]')).to.deep.equal({
      ok: true,
      value: { host: '::1', port: 465, secure: true, auth: { user: 'me@corp', pass: 'p/w' } },
    });
    expect(parseSmtpUrl('smtp://127.0.0.1')).to.deep.equal({
      ok: true,
      value: { host: '127.0.0.1', port: 587, secure: false },
    });
  });

  it('REPORT_SMTP_USER and REPORT_SMTP_PASSWORD give the credentials beside a URL without them', () => {
    expect(
      delivery({ REPORT_SMTP_URL: 'smtp://mail:587', REPORT_SMTP_USER: 'reports', REPORT_SMTP_PASSWORD: 'a/b@c' }).smtp,
    ).to.deep.equal({ host: 'mail', port: 587, secure: false, auth: { user: 'reports', pass: 'a/b@c' } });
  });

  it('reports bad settings in one message that never holds the password', () => {
    const message = problems({ REPORT_SMTP_URL: 'smtp://u:pa/ss@w0rd@bad host:99999', REPORT_SMTP_PASSWORD: 'xyz/@' });
    expect(message).to.contain('REPORT_SMTP_URL must look like').and.contain('REPORT_SMTP_PASSWORD is set without');
    expect(message).to.not.contain('pa/ss').and.not.contain('w0rd').and.not.contain('xyz/@');
    expect(problems({ REPORT_SMTP_URL: 'smtp://u:p@mail', REPORT_SMTP_USER: 'v' })).to.contain(
      'keep them only in REPORT_SMTP_USER',
    );
  });
});
