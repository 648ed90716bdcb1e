// The project retry policy: bounded, jittered, reads `retryable`, never retries bugs, abortable, policy injected.
import { expect } from 'chai';
import { RetriesExhaustedError, ToolkitError } from '../../../common/errors';
import {
  backoffDelayMs,
  mayRetry,
  retry,
  RetryAbortedError,
  retryPolicyProblems,
  type RetryPolicy,
} from '../../../common/retry';

const transient = (): ToolkitError => new ToolkitError('TEST_TRANSIENT', 'try again', { retryable: true });
const permanent = (): ToolkitError => new ToolkitError('TEST_PERMANENT', 'no', { retryable: false });
const policy: RetryPolicy = { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 1_000 };

function recordingSleep(): { delays: number[]; sleep: (ms: number) => Promise<void> } {
  const delays: number[] = [];
  return {
    delays,
    sleep: async (ms) => {
      delays.push(ms);
    },
  };
}

describe('retry', () => {
  it('retries a retryable failure until it succeeds, with capped exponential delays', async () => {
    const { delays, sleep } = recordingSleep();
    let calls = 0;
    const result = await retry(
      async () => {
        calls += 1;
        if (calls < 4) throw transient();
        return 'ok';
      },
      { policy, operation: 'op', sleep, random: () => 0.999_999 },
    );
    expect(result).to.equal('ok');
    expect(delays).to.deep.equal([99, 199, 399]);
  });

  it('stops after maxAttempts with RetriesExhaustedError carrying the last failure', async () => {
    const { delays, sleep } = recordingSleep();
    const last = transient();
    const error = await retry(
      async () => {
        throw last;
      },
      { policy, operation: 'put object', sleep },
    ).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(RetriesExhaustedError);
    expect((error as RetriesExhaustedError).attempts).to.equal(4);
    expect((error as RetriesExhaustedError).cause).to.equal(last);
    expect(delays).to.have.length(3);
  });

  it('reads the retryable flag: a non-retryable error is thrown at once, unwrapped', async () => {
    const failure = permanent();
    let calls = 0;
    const error = await retry(
      async () => {
        calls += 1;
        throw failure;
      },
      { policy, operation: 'op', sleep: async () => {} },
    ).catch((e: unknown) => e);
    expect(error).to.equal(failure);
    expect(calls).to.equal(1);
  });

  it('never retries a programmer error, even when the classifier says yes', async () => {
    let calls = 0;
    const error = await retry(
      async () => {
        calls += 1;
        throw new TypeError('x is undefined');
      },
      { policy, operation: 'op', isRetryable: () => true, sleep: async () => {} },
    ).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(TypeError);
    expect(calls).to.equal(1);
  });

  it('retries SDK-shaped throttling and never an access-denied error', async () => {
    expect(mayRetry({ name: 'ThrottlingException', $metadata: { httpStatusCode: 400 } }, 1, policy)).to.equal(true);
    expect(mayRetry({ name: 'AccessDenied', $metadata: { httpStatusCode: 403 } }, 1, policy)).to.equal(false);
    expect(mayRetry(transient(), 4, policy)).to.equal(false);
  });

  it('ends a pending wait and throws RetryAbortedError when the signal aborts', async () => {
    const controller = new AbortController();
    const started = Date.now();
    const pending = retry(
      async () => {
        throw transient();
      },
      {
        policy: { maxAttempts: Infinity, baseDelayMs: 60_000, maxDelayMs: 60_000 },
        operation: 'op',
        random: () => 1,
        signal: controller.signal,
      },
    );
    setImmediate(() => controller.abort());
    const error = await pending.catch((e: unknown) => e);
    expect(error).to.be.instanceOf(RetryAbortedError);
    expect(Date.now() - started).to.be.below(30_000);
  });

  it('draws full jitter below the cap, and exactly the cap without jitter', () => {
    expect(backoffDelayMs(policy, 10, () => 0.5)).to.equal(500);
    expect(backoffDelayMs({ ...policy, jitter: 'none' }, 2)).to.equal(200);
    expect(backoffDelayMs({ ...policy, jitter: 'none' }, 50)).to.equal(1_000);
    for (let i = 0; i < 100; i += 1) expect(backoffDelayMs(policy, 3)).to.be.within(0, 400);
  });

  it('reports every problem of a policy', () => {
    expect(retryPolicyProblems('p', { maxAttempts: 0, baseDelayMs: 10, maxDelayMs: 5 })).to.have.length(2);
    expect(retryPolicyProblems('p', { maxAttempts: Infinity, baseDelayMs: 0, maxDelayMs: 0 })).to.deep.equal([]);
  });
});
