// Flush decisions: count, bytes or age, whichever first; never for an empty buffer.
import { expect } from 'chai';
import { flushReason } from '../../../../consumer/processor/batch-policy';

const policy = { maxRecords: 10, maxBytes: 1000, maxAgeMs: 5000 };

describe('flushReason', () => {
  it('never flushes an empty buffer, however old the clock', () => {
    expect(flushReason(policy, { records: 0, bytes: 0, oldestReceivedAtMs: undefined }, 1e12)).to.equal(undefined);
  });
  it('flushes on record count', () => {
    expect(flushReason(policy, { records: 10, bytes: 1, oldestReceivedAtMs: 0 }, 0)).to.equal('records');
  });
  it('flushes on bytes', () => {
    expect(flushReason(policy, { records: 1, bytes: 1000, oldestReceivedAtMs: 0 }, 0)).to.equal('bytes');
  });
  it('flushes on the age of the oldest record, so an idle stream still checkpoints', () => {
    expect(flushReason(policy, { records: 1, bytes: 1, oldestReceivedAtMs: 0 }, 4999)).to.equal(undefined);
    expect(flushReason(policy, { records: 1, bytes: 1, oldestReceivedAtMs: 0 }, 5000)).to.equal('age');
  });
});
