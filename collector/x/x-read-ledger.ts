// Counts the X app's billable post reads per UTC month, each post once per UTC day as X bills them, against a monthly budget.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ToolkitError } from '../../common/errors';
import { XReadBudgetError } from '../collector-errors';

/**
 * Source: docs.x.com, X API "Usage and billing" (pay-per-usage, 2026): every post a filtered stream delivers counts as a
 * read (whichever rule matched it); the same post returned again within a day counts once ("daily deduplication"; we take
 * the day in UTC); plans are capped at 2 million post reads per month. The ledger mirrors that count so the collector can
 * stop at the operator's budget before X's bill or cap does.
 */
interface LedgerDocument {
  readonly version: 1;
  /** UTC month, `YYYY-MM`. */
  readonly month: string;
  readonly monthReads: number;
  /** UTC day, `YYYY-MM-DD`, and the post ids already read (billed) on it. */
  readonly day: string;
  readonly dayIds: readonly string[];
}

export interface ReadOutcome {
  /** Reads this call added (ids not yet read today). */
  readonly billable: number;
  readonly monthReads: number;
  readonly spent: boolean;
}

export class XReadLedger {
  private month: string;
  private monthReads = 0;
  private day: string;
  private dayIds = new Set<string>();
  private dirty = false;

  /** Loads `file` (a missing file is an empty ledger); `budget` is billable reads per UTC month. */
  public constructor(
    public readonly file: string,
    public readonly budget: number,
    private readonly now: () => number = Date.now,
  ) {
    const today = utcDay(now());
    this.day = today;
    this.month = today.slice(0, 7);
    const document = readDocument(file);
    if (document?.month === this.month) {
      this.monthReads = document.monthReads;
      if (document.day === today) this.dayIds = new Set(document.dayIds);
    }
  }

  public get reads(): number {
    return this.monthReads;
  }

  public get spent(): boolean {
    return this.monthReads >= this.budget;
  }

  /** Throws XReadBudgetError when this month's budget is already spent (checked before connecting). */
  public assertBudgetLeft(): void {
    this.roll();
    if (this.spent) throw new XReadBudgetError(this.spentMessage());
  }

  /** Counts the ids X delivered (each once per UTC day); `spent` when the month's reads reached the budget. */
  public record(ids: readonly string[]): ReadOutcome {
    this.roll();
    let billable = 0;
    for (const id of ids) {
      if (this.dayIds.has(id)) continue;
      this.dayIds.add(id);
      billable += 1;
    }
    this.monthReads += billable;
    if (billable > 0) this.dirty = true;
    return { billable, monthReads: this.monthReads, spent: this.spent };
  }

  public spentMessage(): string {
    const [year, month] = this.month.split('-').map(Number) as [number, number];
    const next = new Date(Date.UTC(year, month, 1)).toISOString();
    return (
      `X monthly read budget spent: ${this.monthReads} billable post reads in ${this.month} (UTC) reached ` +
      `X_MONTHLY_READ_BUDGET=${this.budget}; the collector stopped reading X. It may read again from ${next}, or ` +
      `with a larger budget (ledger ${this.file})`
    );
  }

  /** Writes the ledger atomically when it changed (call after each batch and at the end). */
  public save(): void {
    if (!this.dirty) return;
    const document: LedgerDocument = {
      version: 1,
      month: this.month,
      monthReads: this.monthReads,
      day: this.day,
      dayIds: [...this.dayIds],
    };
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    const temp = `${this.file}.tmp`;
    fs.writeFileSync(temp, JSON.stringify(document));
    fs.renameSync(temp, this.file);
    this.dirty = false;
  }

  /** A new UTC day forgets the day's ids (X bills a post again the next day); a new month starts the count at 0. */
  private roll(): void {
    const today = utcDay(this.now());
    if (today === this.day) return;
    this.day = today;
    this.dayIds = new Set();
    if (today.slice(0, 7) !== this.month) {
      this.month = today.slice(0, 7);
      this.monthReads = 0;
    }
    this.dirty = true;
  }
}

function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function readDocument(file: string): LedgerDocument | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const parsed = JSON.parse(text) as Partial<LedgerDocument>;
  if (
    typeof parsed.month !== 'string' ||
    typeof parsed.monthReads !== 'number' ||
    typeof parsed.day !== 'string' ||
    !Array.isArray(parsed.dayIds)
  )
    throw new ToolkitError(
      'X_READ_LEDGER_UNREADABLE',
      `${file} is not an X read ledger; move it away to start counting anew`,
    );
  return parsed as LedgerDocument;
}
