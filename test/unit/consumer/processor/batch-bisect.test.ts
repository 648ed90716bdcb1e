// Splitting a batch a sink refused as data: exactly the refused rows come back, the rest is written, systemic failures pass through.
import { expect } from 'chai';
import { identityKey } from '../../../../common/user-record';
import { rowCount, splitRows, writeIsolatingRefused } from '../../../../consumer/processor/batch-bisect';
import type { SinkBatch } from '../../../../consumer/sinks/sink';
import { SinkDataRejectedError, SinkWriteError } from '../../../../consumer/sinks/sink-errors';
import { makeShardStream, toSinkBatch } from '../../../support/sink-batch-factory';

const batchOf = (count: number): SinkBatch => toSinkBatch(makeShardStream({ count, poisonEvery: 25, seed: 3 }));
const rowKeys = (batch: SinkBatch): string[] =>
  [...batch.posts, ...batch.vehicles].map((row) => identityKey(row.record));

/** A table that refuses, as data, every write holding one of `bad`, and keeps the rows of the writes it accepts. */
function refusingTable(bad: ReadonlySet<string>): {
  write: (b: SinkBatch) => Promise<void>;
  rows: string[];
  writes: number;
} {
  const table = { rows: [] as string[], writes: 0, write: async (_: SinkBatch): Promise<void> => {} };
  table.write = async (batch) => {
    table.writes += 1;
    if (rowKeys(batch).some((key) => bad.has(key)))
      throw new SinkDataRejectedError('redshift', 'unsupported Unicode escape sequence (SQLSTATE 22P05)');
    table.rows.push(...rowKeys(batch));
  };
  return table;
}

describe('splitRows', () => {
  it('cuts the rows in two halves that together hold each row and its raw record exactly once, without rejections', () => {
    const batch = batchOf(50);
    const halves = splitRows(batch);
    expect(halves).to.not.equal(undefined);
    const [a, b] = halves as [SinkBatch, SinkBatch];
    expect([...rowKeys(a), ...rowKeys(b)].sort()).to.deep.equal(rowKeys(batch).sort());
    expect(rowCount(a) - rowCount(b)).to.be.oneOf([0, 1]);
    for (const half of [a, b]) {
      expect(half.records.map(identityKey).sort()).to.deep.equal(rowKeys(half).sort());
      expect(half.rejections).to.deep.equal([]);
    }
  });

  it('does not split a single row', () => {
    expect(splitRows(batchOf(1))).to.equal(undefined);
  });
});

describe('writeIsolatingRefused', () => {
  it('returns exactly the refused rows as sink-rejected dead letters with the raw record and the error, and writes the rest', async () => {
    const batch = batchOf(64);
    const keys = rowKeys(batch);
    const bad = new Set([keys[5], keys[40]]);
    const table = refusingTable(bad);
    const refused = await writeIsolatingRefused(batch, table.write);
    expect(refused.map((r) => identityKey(r.record))).to.deep.equal([keys[5], keys[40]]);
    expect(refused.every((r) => r.reason === 'sink-rejected' && /SQLSTATE 22P05/.test(r.detail))).to.equal(true);
    expect(refused[0].record.data.length).to.be.greaterThan(0);
    expect(table.rows.sort()).to.deep.equal(keys.filter((key) => !bad.has(key)).sort());
    // log2(61 rows) is about 6: each refused row costs about two writes per level, far from one write per row.
    expect(table.writes).to.be.lessThan(30);
  });

  it('writes a healthy batch once and refuses nothing', async () => {
    const table = refusingTable(new Set());
    expect(await writeIsolatingRefused(batchOf(30), table.write)).to.deep.equal([]);
    expect(table.writes).to.equal(1);
  });

  it('refuses every row of a batch whose rows are all bad, one dead letter each', async () => {
    const batch = batchOf(6);
    const refused = await writeIsolatingRefused(batch, refusingTable(new Set(rowKeys(batch))).write);
    expect(refused.map((r) => identityKey(r.record))).to.deep.equal(rowKeys(batch));
  });

  it('lets a systemic failure through unsplit (it holds the batch)', async () => {
    let writes = 0;
    const systemic = new SinkWriteError('redshift', 'relation "post_sentiment" does not exist', { retryable: false });
    const failing = async (): Promise<void> => {
      writes += 1;
      throw systemic;
    };
    let caught: unknown;
    await writeIsolatingRefused(batchOf(20), failing).catch((error: unknown) => (caught = error));
    expect(caught).to.equal(systemic);
    expect(writes).to.equal(1);
  });

  it('passes a data refusal of a batch without rows on (nothing to isolate)', async () => {
    const empty: SinkBatch = { ...batchOf(3), posts: [], vehicles: [] };
    let caught: unknown;
    await writeIsolatingRefused(empty, async () => {
      throw new SinkDataRejectedError('x', 'y');
    }).catch((error: unknown) => (caught = error));
    expect(caught).to.be.instanceOf(SinkDataRejectedError);
  });
});
