// The redrive ledger: one JSON object per dead-letter object, saying which of its letters were redriven and which failed again.
import { joinKey } from '../../consumer/sinks/s3/archive-layout';
import type { ObjectStore } from '../../consumer/sinks/s3/object-store';
import { RedriveLedgerError } from './redrive-errors';

/** What became of one letter: loaded by every sink, or decoded/refused again (it stays, with its new reason). */
export type LetterOutcome =
  | { readonly outcome: 'redriven'; readonly at: string }
  | { readonly outcome: 'failed-again'; readonly reason: string; readonly detail: string; readonly at: string };

/** Stored at `<ARCHIVE_STATE_PREFIX>/redrive/<dead-letter key>.json`; letters by identityKey (`shard/seq/sub`). */
export interface LedgerEntry {
  readonly version: 1;
  readonly deadLetterKey: string;
  readonly letters: Readonly<Record<string, LetterOutcome>>;
}

/** `<state-prefix>/redrive/`: where the ledger lives (beside the archive's progress objects, outside every data prefix). */
export function ledgerPrefix(statePrefix: string): string {
  return `${joinKey(statePrefix, 'redrive')}/`;
}

export function ledgerKey(statePrefix: string, deadLetterKey: string): string {
  return `${joinKey(ledgerPrefix(statePrefix), deadLetterKey)}.json`;
}

export class RedriveLedger {
  public constructor(
    private readonly store: ObjectStore,
    private readonly statePrefix: string,
  ) {}

  /** The entry of a dead-letter object; an empty one when it was never redriven. */
  public async read(deadLetterKey: string): Promise<LedgerEntry> {
    const key = ledgerKey(this.statePrefix, deadLetterKey);
    const bytes = await this.store.get(key);
    if (bytes === undefined) return { version: 1, deadLetterKey, letters: {} };
    let parsed: Partial<LedgerEntry>;
    try {
      parsed = JSON.parse(bytes.toString('utf8')) as Partial<LedgerEntry>;
    } catch {
      throw new RedriveLedgerError(key, 'not JSON');
    }
    if (parsed.version !== 1 || typeof parsed.letters !== 'object' || parsed.letters === null)
      throw new RedriveLedgerError(key, 'not a version 1 ledger entry');
    return { version: 1, deadLetterKey, letters: parsed.letters };
  }

  /**
   * Writes the entry with `outcomes` merged over what it held (a redriven letter stays redriven). Call only once every
   * sink holds the letters marked redriven: the entry is what makes a rerun skip them.
   */
  public async record(entry: LedgerEntry, outcomes: Readonly<Record<string, LetterOutcome>>): Promise<LedgerEntry> {
    const letters: Record<string, LetterOutcome> = { ...entry.letters };
    for (const [identity, outcome] of Object.entries(outcomes))
      if (letters[identity]?.outcome !== 'redriven') letters[identity] = outcome;
    const next: LedgerEntry = { version: 1, deadLetterKey: entry.deadLetterKey, letters };
    await this.write(next);
    return next;
  }

  /** Writes `entry` as it is (forget drops erased letters with it; record merges first). */
  public async write(entry: LedgerEntry): Promise<void> {
    await this.store.put(
      ledgerKey(this.statePrefix, entry.deadLetterKey),
      Buffer.from(`${JSON.stringify(entry, null, 1)}\n`, 'utf8'),
      { contentType: 'application/json' },
    );
  }
}
