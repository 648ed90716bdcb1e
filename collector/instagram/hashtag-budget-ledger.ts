// Instagram allows 30 unique hashtags per account per rolling 7 days: a file ledger of queries that refuses the 31st.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { HashtagBudgetError } from '../collector-errors';

/** Source: Instagram Graph API, IG Hashtag Search limitations ("30 unique hashtags within a 7 day period"). */
export const HASHTAG_BUDGET = Object.freeze({ uniqueHashtags: 30, windowMs: 7 * 24 * 3_600_000 });

interface LedgerEntry {
  readonly hashtag: string;
  readonly firstQueriedAtMs: number;
}
interface LedgerDocument {
  readonly accounts: Record<string, LedgerEntry[]>;
}

export class HashtagBudgetLedger {
  public constructor(
    private readonly file: string,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Records that `account` is about to query `hashtag`, or throws HashtagBudgetError when it would be the 31st unique
   * hashtag in the last 7 days. Written before the query, so a crash after it never under-counts.
   */
  public claim(account: string, hashtag: string): { used: number; remaining: number } {
    const key = hashtag.toLowerCase();
    const nowMs = this.now();
    const document = this.read();
    const live = (document.accounts[account] ?? []).filter(
      (entry) => nowMs - entry.firstQueriedAtMs < HASHTAG_BUDGET.windowMs,
    );
    if (!live.some((entry) => entry.hashtag === key)) {
      if (live.length >= HASHTAG_BUDGET.uniqueHashtags) {
        const oldest = Math.min(...live.map((entry) => entry.firstQueriedAtMs));
        throw new HashtagBudgetError(
          `Instagram allows ${HASHTAG_BUDGET.uniqueHashtags} unique hashtags per 7 days; account ${account} used them all ` +
            `(${live.map((entry) => entry.hashtag).join(', ')}); #${key} can be queried from ${new Date(oldest + HASHTAG_BUDGET.windowMs).toISOString()} (ledger ${this.file})`,
        );
      }
      live.push({ hashtag: key, firstQueriedAtMs: nowMs });
    }
    this.write({ accounts: { ...document.accounts, [account]: live } });
    return { used: live.length, remaining: HASHTAG_BUDGET.uniqueHashtags - live.length };
  }

  private read(): LedgerDocument {
    let text: string;
    try {
      text = fs.readFileSync(this.file, 'utf8');
    } catch {
      return { accounts: {} };
    }
    const parsed = JSON.parse(text) as Partial<LedgerDocument>;
    return typeof parsed.accounts === 'object' && parsed.accounts !== null
      ? { accounts: parsed.accounts }
      : { accounts: {} };
  }

  private write(document: LedgerDocument): void {
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    const temp = `${this.file}.tmp`;
    fs.writeFileSync(temp, `${JSON.stringify(document, null, 2)}\n`);
    fs.renameSync(temp, this.file);
  }
}
