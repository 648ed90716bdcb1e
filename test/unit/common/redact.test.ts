// Instagram's token rides in URL queries: the shared redaction masks it wherever a URL reaches a log line.
import { expect } from 'chai';
import { redact, redactText } from '../../../common/redact';

describe('redaction of token query parameters', () => {
  it('masks access_token in any URL of a message, leaving the rest readable', () => {
    const url = 'https://graph.facebook.com/v24.0/1784/recent_media?user_id=1&access_token=IGQWRsecret123&after=QVFI';
    expect(redactText(`GET ${url} failed`)).to.equal(
      'GET https://graph.facebook.com/v24.0/1784/recent_media?user_id=1&access_token=***&after=QVFI failed',
    );
    expect(JSON.stringify(redact({ detail: { next: `${url}` } }))).not.to.include('IGQWRsecret123');
  });
});

describe('redaction of URL user-info (issue 25 item 11)', () => {
  const password = 'pa/ss@w0rd:x#1';
  it('masks a password holding / @ : and # pasted unescaped, keeping the user, host and port', () => {
    const line = `connect smtp://reports:${password}@mail.example.org:587 failed`;
    expect(redactText(line)).to.equal('connect smtp://reports:***@mail.example.org:587 failed');
  });

  it('masks user-info without a colon whole (a token as user name), and each URL of a JSON line', () => {
    const json = JSON.stringify({ a: 'https://ghp_token123@github.com/x', b: `postgres://u:${password}@db:5432/dev` });
    const out = redactText(json);
    expect(out).to.not.contain('ghp_token123').and.not.contain('pa/ss').and.not.contain('w0rd');
    expect(out).to.contain('https://***@github.com/x').and.contain('postgres://u:***@db:5432/dev');
  });

  it('leaves URLs without user-info and mail addresses alone', () => {
    const text = 'open http://127.0.0.1:4570/?from=2026-11-16 and write to policy@example.org';
    expect(redactText(text)).to.equal(text);
  });
});
