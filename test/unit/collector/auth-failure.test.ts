// Which source errors end the run (a token retrying cannot fix) and which are retried.
import { expect } from 'chai';
import { isAuthFailure, SourceHttpError } from '../../../collector/collector-errors';

describe('isAuthFailure', () => {
  it('ends the run on X 401/403 and on Instagram token errors (Graph code 190, HTTP 401)', () => {
    expect(isAuthFailure(new SourceHttpError('x', 'GET rules', 401, ''))).to.equal(true);
    expect(isAuthFailure(new SourceHttpError('x', 'GET stream', 403, ''))).to.equal(true);
    expect(
      isAuthFailure(
        new SourceHttpError('instagram', 'recent_media', 400, 'Invalid OAuth access token', undefined, 190),
      ),
    ).to.equal(true);
    expect(isAuthFailure(new SourceHttpError('instagram', 'recent_media', 401, ''))).to.equal(true);
  });

  it('retries rate limits and server errors, including a Graph 403 rate limit', () => {
    expect(isAuthFailure(new SourceHttpError('x', 'GET stream', 429, '', Date.now()))).to.equal(false);
    expect(isAuthFailure(new SourceHttpError('x', 'GET stream', 503, ''))).to.equal(false);
    expect(
      isAuthFailure(
        new SourceHttpError('instagram', 'recent_media', 403, 'Application request limit reached', undefined, 4),
      ),
    ).to.equal(false);
    expect(isAuthFailure(new Error('fetch failed'))).to.equal(false);
  });
});
