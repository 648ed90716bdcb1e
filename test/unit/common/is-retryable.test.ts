// isRetryable and mayRetry: our own flag first, then SDK, network and PostgreSQL failures; bugs and client errors never.
import { expect } from 'chai';
import { RetriesExhaustedError, ToolkitError } from '../../../common/errors';
import { isRetryable, isRetryableCode } from '../../../common/is-retryable';
import { mayRetry } from '../../../common/retry';

const sdkError = (name: string, status?: number, extra: Record<string, unknown> = {}): Error =>
  Object.assign(new Error(name), {
    name,
    ...(status === undefined ? {} : { $metadata: { httpStatusCode: status } }),
    ...extra,
  });

describe('isRetryable', () => {
  it('reads the retryable flag of our own errors, whatever their name', () => {
    expect(isRetryable(new ToolkitError('X', 'x', { retryable: true }))).to.equal(true);
    expect(isRetryable(new ToolkitError('X', 'x'))).to.equal(false);
    // A wrapper that says no is believed even when its cause is throttling.
    expect(isRetryable(new RetriesExhaustedError('op', 3, sdkError('ThrottlingException')))).to.equal(false);
  });

  it('retries SDK throttling, 5xx, 429 and errors the SDK marks $retryable', () => {
    expect(isRetryable(sdkError('ProvisionedThroughputExceededException', 400))).to.equal(true);
    expect(isRetryable(sdkError('InternalServerError', 500))).to.equal(true);
    expect(isRetryable(sdkError('SomethingNew', 503))).to.equal(true);
    expect(isRetryable(sdkError('SomethingNew', 429))).to.equal(true);
    expect(isRetryable(sdkError('SomethingNew', 400, { $retryable: { throttling: false } }))).to.equal(true);
  });

  it('never retries a client error: access denied, validation, missing resource', () => {
    expect(isRetryable(sdkError('AccessDeniedException', 403))).to.equal(false);
    expect(isRetryable(sdkError('ValidationException', 400))).to.equal(false);
    expect(isRetryable(sdkError('ResourceNotFoundException', 400))).to.equal(false);
  });

  it('retries dropped connections and PostgreSQL connection and serialisation failures by code', () => {
    expect(isRetryable(Object.assign(new Error('reset'), { code: 'ECONNRESET' }))).to.equal(true);
    expect(isRetryable(Object.assign(new Error('admin shutdown'), { code: '57P01' }))).to.equal(true);
    expect(isRetryable(Object.assign(new Error('serialization'), { code: '40001' }))).to.equal(true);
    expect(isRetryable(Object.assign(new Error('syntax'), { code: '42601' }))).to.equal(false);
  });

  it('says no for values that are not errors', () => {
    for (const value of [undefined, null, 'ThrottlingException', 42]) expect(isRetryable(value)).to.equal(false);
  });

  it('knows the per-entry PutRecords codes a later attempt can succeed after', () => {
    for (const code of ['ProvisionedThroughputExceededException', 'InternalFailure', 'KMSThrottlingException'])
      expect(isRetryableCode(code)).to.equal(true);
    for (const code of ['KMSAccessDeniedException', 'KMSDisabledException', 'KMSNotFoundException'])
      expect(isRetryableCode(code)).to.equal(false);
  });
});

describe('mayRetry', () => {
  const policy = { maxAttempts: 3, baseDelayMs: 0, maxDelayMs: 0 };

  it('allows a retryable failure while attempts are left', () => {
    expect(mayRetry(sdkError('ThrottlingException'), 2, policy)).to.equal(true);
    expect(mayRetry(sdkError('ThrottlingException'), 3, policy)).to.equal(false);
  });

  it('never retries a programmer error, even when the classifier says yes', () => {
    expect(mayRetry(new TypeError('x is undefined'), 1, policy, () => true)).to.equal(false);
    expect(mayRetry(new RangeError('bad length'), 1, policy, () => true)).to.equal(false);
  });
});
