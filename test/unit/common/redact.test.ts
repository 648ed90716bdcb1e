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
