// Instagram's 30 unique hashtags per rolling 7 days, per account, kept in a file.
import { expect } from 'chai';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { HashtagBudgetError } from '../../../../collector/collector-errors';
import { HashtagBudgetLedger } from '../../../../collector/instagram/hashtag-budget-ledger';

const DAY = 24 * 3_600_000;

describe('HashtagBudgetLedger', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('allows 30 unique hashtags, counts a repeat (any case) once, and refuses the 31st', () => {
    const ledger = new HashtagBudgetLedger(path.join(dir, 'l.json'), () => 0);
    for (let i = 0; i < 30; i += 1) ledger.claim('1', `tag${i}`);
    expect(ledger.claim('1', 'TAG0')).to.deep.equal({ used: 30, remaining: 0 });
    expect(() => ledger.claim('1', 'zbe')).to.throw(
      HashtagBudgetError,
      /30 unique hashtags per 7 days.*can be queried from 1970-01-08/,
    );
    expect(ledger.claim('2', 'zbe').used).to.equal(1);
  });

  it('frees a hashtag 7 days after its first query, across processes', () => {
    let now = 0;
    const file = path.join(dir, 'l.json');
    for (let i = 0; i < 30; i += 1) new HashtagBudgetLedger(file, () => now + i).claim('1', `tag${i}`);
    now = 7 * DAY - 1;
    expect(() => new HashtagBudgetLedger(file, () => now).claim('1', 'zbe')).to.throw(HashtagBudgetError);
    now = 7 * DAY;
    expect(new HashtagBudgetLedger(file, () => now).claim('1', 'zbe')).to.deep.equal({ used: 30, remaining: 0 });
  });
});
