// The checkpoint loop on its own: each daemon reply maps to one outcome, bounded vs final attempts, and stdin closing.
import { expect } from 'chai';
import { NullLogger } from '../../../../common/logger';
import type { CheckpointReply, Checkpointer } from '../../../../consumer/processor/checkpointer';
import { tryCheckpoint, type CheckpointAttempt } from '../../../../consumer/processor/try-checkpoint';

function scripted(replies: CheckpointReply[]): Checkpointer & { calls: number } {
  const c = {
    calls: 0,
    checkpoint: async (): Promise<CheckpointReply> => {
      c.calls += 1;
      return replies[Math.min(c.calls, replies.length) - 1] ?? { ok: true };
    },
  };
  return c;
}
const THROTTLED: CheckpointReply = { ok: false, error: 'ThrottlingException' };
const attempt = (checkpointer: Checkpointer, extra: Partial<CheckpointAttempt> = {}): CheckpointAttempt => ({
  checkpointer,
  sequenceNumber: '42',
  mode: 'bounded',
  policy: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 1 },
  signal: new AbortController().signal,
  logger: new NullLogger(),
  sleep: async () => undefined,
  ...extra,
});

describe('tryCheckpoint', () => {
  it('retries throttling until the daemon accepts', async () => {
    const c = scripted([THROTTLED, THROTTLED, { ok: true }]);
    expect(await tryCheckpoint(attempt(c))).to.equal('checkpointed');
    expect(c.calls).to.equal(3);
  });

  it('gives up after maxAttempts when bounded, and keeps going when final', async () => {
    const bounded = scripted(Array(10).fill(THROTTLED));
    expect(await tryCheckpoint(attempt(bounded))).to.equal('try-later');
    expect(bounded.calls).to.equal(3);
    const final = scripted([...Array(9).fill(THROTTLED), { ok: true }]);
    expect(await tryCheckpoint(attempt(final, { mode: 'final', sequenceNumber: null }))).to.equal('checkpointed');
    expect(final.calls).to.equal(10);
  });

  it('reports a lost lease on ShutdownException and settles a bug reply without retrying it', async () => {
    expect(await tryCheckpoint(attempt(scripted([{ ok: false, error: 'ShutdownException' }])))).to.equal('lease-gone');
    const bug = scripted([{ ok: false, error: 'InvalidStateException' }]);
    expect(await tryCheckpoint(attempt(bug))).to.equal('rejected');
    expect(bug.calls).to.equal(1);
  });

  it('stops a final checkpoint when stdin closes', async () => {
    const stop = new AbortController();
    const c = scripted(Array(100).fill(THROTTLED));
    const outcome = await tryCheckpoint(
      attempt(c, {
        mode: 'final',
        signal: stop.signal,
        sleep: async () => {
          if (c.calls >= 5) stop.abort();
        },
      }),
    );
    expect(outcome).to.equal('try-later');
    expect(c.calls).to.equal(5);
  });
});
