// The tracker never advances past a record that is not durable, whatever order batches complete in.
import { expect } from 'chai';
import fc from 'fast-check';
import { CheckpointTracker } from '../../../../consumer/processor/checkpoint-tracker';

const at = (n: number): { sequenceNumber: string; subSequenceNumber: number } => ({
  sequenceNumber: String(1000 + n),
  subSequenceNumber: 0,
});

describe('CheckpointTracker', () => {
  it('starts at the position the lease was initialized with and has nothing due', () => {
    const tracker = new CheckpointTracker(at(5));
    expect(tracker.durablePosition).to.deep.equal(at(5));
    expect(tracker.checkpointDue()).to.equal(undefined);
  });

  it('holds the position until every earlier batch is durable', () => {
    const tracker = new CheckpointTracker();
    const first = tracker.open(at(1));
    const second = tracker.open(at(2));
    tracker.markDurable(second);
    expect(tracker.checkpointDue()).to.equal(undefined);
    tracker.markDurable(first);
    expect(tracker.checkpointDue()).to.deep.equal(at(2));
    tracker.markCheckpointed(at(2));
    expect(tracker.checkpointDue()).to.equal(undefined);
  });

  it('forgets open batches when the lease is lost', () => {
    const tracker = new CheckpointTracker();
    const id = tracker.open(at(1));
    tracker.discardPending();
    tracker.markDurable(id);
    expect(tracker.durablePosition).to.equal(undefined);
    expect(tracker.openBatches).to.equal(0);
  });

  it('never advances past an unflushed record (property over random completion orders)', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 30 })
          .chain((n) => fc.tuple(fc.constant(n), fc.shuffledSubarray([...Array(n).keys()]))),
        ([batches, completionOrder]) => {
          const tracker = new CheckpointTracker();
          const ids = Array.from({ length: batches }, (_, i) => tracker.open(at(i)));
          const durable = new Set<number>();
          for (const index of completionOrder) {
            tracker.markDurable(ids[index]);
            durable.add(index);
            let prefix = -1;
            while (durable.has(prefix + 1)) prefix += 1;
            const position = tracker.durablePosition;
            if (prefix < 0) expect(position).to.equal(undefined);
            else expect(position).to.deep.equal(at(prefix));
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
