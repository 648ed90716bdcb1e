// The X read budget: each post billed once per UTC day, the month's count against X_MONTHLY_READ_BUDGET, kept across restarts.
import { expect } from 'chai';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { XReadBudgetError } from '../../../../collector/collector-errors';
import { XReadLedger } from '../../../../collector/x/x-read-ledger';

describe('XReadLedger', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'x-reads-'));
    file = path.join(dir, 'x-reads.json');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('counts a post once per UTC day and again the next day, across a restart', () => {
    let now = Date.parse('2026-12-06T23:59:00Z');
    const ledger = new XReadLedger(file, 100, () => now);
    expect(ledger.record(['1', '2', '1']).billable).to.equal(2);
    ledger.save();
    const restarted = new XReadLedger(file, 100, () => now);
    expect(restarted.record(['2', '3'])).to.deep.equal({ billable: 1, monthReads: 3, spent: false });
    now = Date.parse('2026-12-07T00:00:30Z');
    expect(restarted.record(['1', '2'])).to.deep.equal({ billable: 2, monthReads: 5, spent: false });
  });

  it('reports the budget spent at the read that reaches it, refuses to start, and starts over the next month', () => {
    let now = Date.parse('2026-12-31T10:00:00Z');
    const ledger = new XReadLedger(file, 3, () => now);
    expect(ledger.record(['1', '2']).spent).to.equal(false);
    expect(ledger.record(['3']).spent).to.equal(true);
    ledger.save();
    const restarted = new XReadLedger(file, 3, () => now);
    expect(() => restarted.assertBudgetLeft()).to.throw(
      XReadBudgetError,
      /3 billable post reads in 2026-12 \(UTC\) reached X_MONTHLY_READ_BUDGET=3.*from 2027-01-01T00:00:00.000Z/,
    );
    now = Date.parse('2027-01-01T00:00:01Z');
    expect(() => restarted.assertBudgetLeft()).not.to.throw();
    expect(restarted.reads).to.equal(0);
  });
});
